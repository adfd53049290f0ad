using Microsoft.Extensions.Logging.Abstractions;

namespace Orchestrator.Kubernetes.Tests;

public sealed class KubernetesClientOptionsTests
{
    [Fact]
    public void Connector_NegativeBusyWatchInterval_RefusedByName()
    {
        var options = new KubernetesClientOptions { BusyWatchInterval = TimeSpan.FromMilliseconds(-1) };

        var refused = Assert.Throws<ArgumentException>(() => new KubernetesClusterConnector(NullLoggerFactory.Instance, TimeProvider.System, options));

        Assert.Contains("BusyWatchInterval must not be negative", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Connector_NoBusyWatchInterval_Accepted() =>
        Assert.NotNull(new KubernetesClusterConnector(NullLoggerFactory.Instance, TimeProvider.System, new KubernetesClientOptions { BusyWatchInterval = TimeSpan.Zero }));
}
