using Microsoft.Extensions.Logging.Abstractions;

namespace Orchestrator.Kubernetes.Tests.Support;

/// <summary>Connectors as the CLI makes them, optionally counting requests and keeping log lines.</summary>
internal static class Connectors
{
    public static KubernetesClusterConnector Plain(KubernetesClientOptions? options = null) =>
        new(NullLoggerFactory.Instance, TimeProvider.System, options);

    public static KubernetesClusterConnector Counting(RequestCounter counter, RecordingLoggerFactory? logs = null, KubernetesClientOptions? options = null, TimeProvider? time = null) =>
        new(logs ?? (Microsoft.Extensions.Logging.ILoggerFactory)NullLoggerFactory.Instance, time ?? TimeProvider.System, options) { RequestHandlers = () => [counter] };
}
