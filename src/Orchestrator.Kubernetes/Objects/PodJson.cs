namespace Orchestrator.Kubernetes.Objects;

/// <summary>What a rotation reads of a pod: its metadata, phase and conditions.</summary>
internal sealed record PodJson(ObjectMeta? Metadata, PodJson.PodState? Status) : IObjectJson
{
    internal sealed record PodState(string? Phase, IReadOnlyList<Condition?>? Conditions);

    internal sealed record Condition(string? Type, string? Status);
}
