using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Cli.Commands;
using Orchestrator.Cli.Hosting;
using Orchestrator.Cli.Running;
using Orchestrator.Cli.Tests.Support;
using Orchestrator.Core.Preflight;
using Orchestrator.Kubernetes;

namespace Orchestrator.Cli.Tests.Running;

/// <summary>
/// In-process, over the simulator: start-rotation opens one client per region for preflight, the Leases and the
/// run, and disposes each once, after every call and watch on it has finished, whether the run ends or preflight
/// refuses.
/// </summary>
public sealed class SharedClientsTests : IAsyncLifetime
{
    private SimulatedClusters _clusters = null!;

    public async ValueTask InitializeAsync() => _clusters = await SimulatedClusters.StartAsync(2, pods: 1);

    public ValueTask DisposeAsync() => _clusters.DisposeAsync();

    [Fact]
    public async Task StartAsync_WholeRotation_OneClientPerRegionDisposedOnceAfterEverything()
    {
        var connector = Connector();

        var exitCode = await StartRotationCommand.StartAsync(Services(connector), _clusters.WriteSpec(), _clusters.StatePath, new SessionOptions(Create: true, ForceTakeover: false, Json: false), TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal(["region1", "region2"], connector.Opened.Select(region => region.Region).Order(StringComparer.Ordinal));
        Assert.All(connector.Opened, AssertClosedOnceWhenIdle);

        // The one client served preflight's reads, the Lease requests and the rotation's writes and watches.
        Assert.All(connector.Opened, region => Assert.True(region.Calls > 10, $"{region.Region}: {region.Calls} calls"));
        Assert.Equal(6, _clusters.SecretUpdates().Count);
    }

    [Fact]
    public async Task StartAsync_PreflightRefused_ClientsDisposedOnceAndNoLeaseTaken()
    {
        var connector = Connector();

        var refusal = await Assert.ThrowsAsync<PreflightException>(() => StartRotationCommand.StartAsync(
            Services(connector), _clusters.WriteSpec(alias: "ca1"), _clusters.StatePath, new SessionOptions(Create: true, ForceTakeover: false, Json: false), TestContext.Current.CancellationToken));

        Assert.Contains("alias 'ca1' is the alias of the current CA", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(2, connector.Opened.Count);
        Assert.All(connector.Opened, AssertClosedOnceWhenIdle);
        Assert.Empty(_clusters.OrchestratorWrites());
    }

    private static void AssertClosedOnceWhenIdle(TrackedRegion region)
    {
        Assert.Equal(1, region.Disposals);
        Assert.Equal(0, region.OpenAtDisposal);
        Assert.Equal(0, region.CallsAfterDisposal);
    }

    private static TrackingConnector Connector() => new(new KubernetesClusterConnector(NullLoggerFactory.Instance, TimeProvider.System));

    private static CliServices Services(TrackingConnector connector) => new(() => NullLoggerFactory.Instance, TimeProvider.System)
    {
        Connector = connector,
        Output = new StringWriter(),
        Error = new StringWriter(),
        Interactive = false,
    };
}
