namespace Orchestrator.Kubernetes.Objects;

/// <summary>What a rotation reads of an object's metadata (and of a list's: its resource version).</summary>
internal sealed record ObjectMeta(
    string? Name,
    string? Uid,
    string? ResourceVersion,
    long? Generation,
    string? DeletionTimestamp,
    IReadOnlyDictionary<string, string>? Labels,
    IReadOnlyDictionary<string, string>? Annotations,
    IReadOnlyList<ObjectMeta.Owner?>? OwnerReferences)
{
    internal sealed record Owner(string? Kind, string? Name);
}
