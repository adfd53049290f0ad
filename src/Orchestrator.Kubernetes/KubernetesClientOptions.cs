using System.Net.Http;

namespace Orchestrator.Kubernetes;

/// <summary>How the orchestrator talks to each region's Kubernetes API.</summary>
public sealed record KubernetesClientOptions
{
    /// <summary>
    /// While observing a region, how often everything is listed again in case a watch missed a change. Default 10 min:
    /// a watch resumes from its last resource version and lists again after any error, so this is only a net, and
    /// each list of a region of thousands of pods is megabytes to fetch and read.
    /// </summary>
    public TimeSpan SafetyRelist { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The longest wait between two attempts of a call that failed transiently (a <c>Retry-After</c> may ask for longer). Default 10 s.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one request other than a watch may take before it counts as a transient failure. Default 30 s.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The <c>User-Agent</c> of every request, as the API server's audit log shows it.</summary>
    public string UserAgent { get; init; } = "orchestrator/1.0";

    /// <summary>
    /// Handlers put in front of every request of a client, made afresh for each client (a handler belongs to one),
    /// given the name of the cluster it reaches: the region's, or <see cref="ClusterClients.OwnCluster"/>. Default none.
    /// </summary>
    public Func<string, IReadOnlyList<DelegatingHandler>>? RequestHandlers { get; init; }

    /// <summary>What is wrong with these options, if anything.</summary>
    internal IEnumerable<string> Problems()
    {
        if (SafetyRelist <= TimeSpan.Zero)
        {
            yield return "SafetyRelist must be positive";
        }

        if (MaxBackoff <= TimeSpan.Zero)
        {
            yield return "MaxBackoff must be positive";
        }

        if (RequestTimeout <= TimeSpan.Zero)
        {
            yield return "RequestTimeout must be positive";
        }

        if (string.IsNullOrWhiteSpace(UserAgent))
        {
            yield return "UserAgent must not be empty";
        }
    }
}
