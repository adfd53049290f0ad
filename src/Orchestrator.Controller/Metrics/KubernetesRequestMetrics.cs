using System.Diagnostics.Metrics;

namespace Orchestrator.Controller.Metrics;

/// <summary>
/// <c>orchestrator_kubernetes_requests_total{region,verb,code}</c>: every request the controller's Kubernetes clients
/// send, counted by a handler in each client. Its own Meter of <see cref="ControllerMetrics.MeterName"/>, because the
/// clients are made before the host whose services make the others.
/// </summary>
public sealed class KubernetesRequestMetrics : IDisposable
{
    private readonly Meter _meter = new(ControllerMetrics.MeterName);
    private readonly Counter<long> _requests;

    public KubernetesRequestMetrics()
    {
        _requests = _meter.CreateCounter<long>("orchestrator_kubernetes_requests_total", description: "Requests sent to the Kubernetes API, by region, verb and HTTP status (or error).");
    }

    /// <summary>A handler for one client (a handler belongs to one client) of <paramref name="region"/>.</summary>
    public DelegatingHandler HandlerFor(string region) => new KubernetesRequestCounter(region, this);

    internal void Count(string region, string verb, string code) =>
        _requests.Add(1, new KeyValuePair<string, object?>("region", region), new KeyValuePair<string, object?>("verb", verb), new KeyValuePair<string, object?>("code", code));

    public void Dispose() => _meter.Dispose();
}
