namespace Orchestrator.Core.Cluster;

/// <summary>
/// A region's state as far as a rotation cares: the checksum the operator has acknowledged on the CA Secret, the
/// checksum of the data the Secret holds, the Cassandra StatefulSets and their pods.
/// </summary>
public sealed record ClusterSnapshot(
    string? AcknowledgedChecksum,
    IReadOnlyList<StatefulSetStatus> StatefulSets,
    IReadOnlyList<PodStatus> Pods)
{
    /// <summary>
    /// The operator's checksum (<see cref="Cassandra.SecretChecksum"/>) of the data the CA Secret holds now, or null when
    /// the Secret does not exist. A source that does not say is taken to show a Secret whose data the operator has
    /// acknowledged, the state of a settled region.
    /// </summary>
    public string? DataChecksum { get; init; } = AcknowledgedChecksum;

    /// <summary>Whether the CA Secret exists; the checksums of a missing Secret are both null.</summary>
    public bool HasSecret => DataChecksum is not null;
}
