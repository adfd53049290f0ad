namespace Orchestrator.Kubernetes.Objects;

/// <summary>What a rotation reads of a StatefulSet: its generation, replicas, update strategy and rollout status.</summary>
internal sealed record StatefulSetJson(ObjectMeta? Metadata, StatefulSetJson.SetSpec? Spec, StatefulSetJson.SetState? Status) : IObjectJson
{
    internal sealed record SetSpec(int? Replicas, Strategy? UpdateStrategy);

    internal sealed record Strategy(string? Type, RollingUpdate? RollingUpdate);

    internal sealed record RollingUpdate(int? Partition);

    internal sealed record SetState(long? ObservedGeneration, int? ReadyReplicas, int? UpdatedReplicas, string? CurrentRevision, string? UpdateRevision);
}
