namespace Orchestrator.Core.Cluster;

/// <summary>
/// A region's state as far as a rotation cares: the checksum the operator has acknowledged on the CA Secret, the
/// Cassandra StatefulSets and their pods.
/// </summary>
public sealed record ClusterSnapshot(
    string? AcknowledgedChecksum,
    IReadOnlyList<StatefulSetStatus> StatefulSets,
    IReadOnlyList<PodStatus> Pods);
