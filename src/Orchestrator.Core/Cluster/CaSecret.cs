namespace Orchestrator.Core.Cluster;

/// <summary>The CA Secret as read from a region: its data (which holds a private key: never print it) and version.</summary>
public sealed record CaSecret(
    string Name,
    string Namespace,
    string ResourceVersion,
    IReadOnlyDictionary<string, byte[]> Data,
    IReadOnlyDictionary<string, string> Annotations)
{
    /// <summary>The object's <c>metadata.uid</c>: the same object, however its API server was reached, has the same one.</summary>
    public string? Uid { get; init; }

    public override string ToString() => $"Secret {Namespace}/{Name}@{ResourceVersion} [{string.Join(", ", Data.Keys.Order(StringComparer.Ordinal))}]";
}
