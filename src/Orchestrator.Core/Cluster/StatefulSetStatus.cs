namespace Orchestrator.Core.Cluster;

/// <summary>The fields of a StatefulSet that decide whether its rollout is complete (kubectl's rollout_status.go).</summary>
public sealed record StatefulSetStatus(
    string Name,
    long Generation,
    long ObservedGeneration,
    int Replicas,
    int ReadyReplicas,
    int UpdatedReplicas,
    string? CurrentRevision,
    string? UpdateRevision,
    string? UpdateStrategy,
    int? Partition);
