namespace Orchestrator.Simulator.Hosting;

/// <summary>What <c>orchestrator simulate</c> serves. Defaults match the example in the operator's procedure.</summary>
public sealed record SimulatorOptions
{
    /// <summary>Number of regions (Kubernetes clusters), each with its own endpoint, operator and CA Secret copy.</summary>
    public int Regions { get; init; } = 1;

    /// <summary>Where kubeconfig, rotation.yaml, audit.jsonl and trust.jsonl are written.</summary>
    public required string Directory { get; init; }

    /// <summary>Pods per StatefulSet (one StatefulSet per Cassandra datacenter).</summary>
    public int PodsPerDatacenter { get; init; } = 3;

    public int Datacenters { get; init; } = 1;

    public string Cluster { get; init; } = "example-cluster";

    public string Namespace { get; init; } = "anton";

    public string CaSecret { get; init; } = "example-cluster-manual-tls-ca";

    /// <summary>The alias (subject <c>O=</c>) of the CA the clusters start with.</summary>
    public string CaAlias { get; init; } = "ca1";

    /// <summary>How many days the starting CA is valid for, from the simulation's start.</summary>
    public int CaValidityDays { get; init; } = 3650;

    /// <summary>RSA key size of the starting CA; it only has to be real, not strong, so it defaults to 2048 for speed.</summary>
    public int CaKeySize { get; init; } = 2048;

    /// <summary>How long a recreated pod takes from start to Ready.</summary>
    public TimeSpan PodRestartTime { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a deleted pod takes to drain and disappear.</summary>
    public TimeSpan PodTerminationTime { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Changes per resource type a watch can resume across before it gets 410 Expired.</summary>
    public int WatchHistory { get; init; } = 1000;

    /// <summary>
    /// Whether to write <c>pods.jsonl</c>: the moment each pod turns Ready, for measuring from the server's side how
    /// soon a client acts on a finished rollout. Off by default.
    /// </summary>
    public bool RecordPodReadiness { get; init; }

    /// <summary>The alias <c>rotation.yaml</c> asks the new CA to have.</summary>
    public string NewCaAlias { get; init; } = "ca2";

    /// <summary>
    /// Whether to write <c>requests.jsonl</c>: every request any client sends, reads and watches included, with what an
    /// authorizer judges it by. Off by default: a rotation's watches and lists make it grow quickly.
    /// </summary>
    public bool RecordRequests { get; init; }

    public IEnumerable<string> Problems()
    {
        if (Regions is < 1 or > 20)
        {
            yield return "--regions must be between 1 and 20";
        }

        if (PodsPerDatacenter is < 1 or > 5000)
        {
            yield return "--pods must be between 1 and 5000";
        }

        if (Datacenters is < 1 or > 100)
        {
            yield return "--datacenters must be between 1 and 100";
        }

        if (CaValidityDays is < 1 or > 36500)
        {
            yield return "--ca-validity-days must be between 1 and 36500";
        }

        if (PodRestartTime < TimeSpan.Zero)
        {
            yield return "--pod-restart-ms must be 0 or more";
        }

        if (string.IsNullOrWhiteSpace(Cluster) || string.IsNullOrWhiteSpace(Namespace) || string.IsNullOrWhiteSpace(CaSecret) || string.IsNullOrWhiteSpace(CaAlias))
        {
            yield return "--cluster, --namespace, --ca-secret and --ca-alias must not be empty";
        }
    }
}
