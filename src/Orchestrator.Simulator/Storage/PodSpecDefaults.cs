using k8s.Models;

namespace Orchestrator.Simulator.Storage;

/// <summary>
/// What the API server fills in on every pod spec it stores, a Pod's or a pod template's, before validating it: a
/// port without a protocol is TCP. Clients (kubectl describe's <c>7001/TCP</c>) count on it being there.
/// </summary>
internal static class PodSpecDefaults
{
    private const string DefaultProtocol = "TCP";

    public static void Apply(V1PodSpec? spec)
    {
        if (spec is null)
        {
            return;
        }

        foreach (var container in (spec.Containers ?? []).Concat(spec.InitContainers ?? []))
        {
            DefaultProtocols(container.Ports);
        }

        foreach (var container in spec.EphemeralContainers ?? [])
        {
            DefaultProtocols(container.Ports);
        }
    }

    private static void DefaultProtocols(IList<V1ContainerPort>? ports)
    {
        foreach (var port in ports ?? [])
        {
            if (string.IsNullOrEmpty(port.Protocol))
            {
                port.Protocol = DefaultProtocol;
            }
        }
    }
}
