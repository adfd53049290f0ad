namespace Orchestrator.Kubernetes.Objects;

/// <summary>A list response: its items and the resource version a watch continues from.</summary>
internal sealed record ListJson<T>(ObjectMeta? Metadata, IReadOnlyList<T?>? Items)
    where T : class;
