namespace Orchestrator.Core.Cluster;

/// <summary>The CA Secret as read from a region: its data (which holds a private key: never print it) and version.</summary>
public sealed record CaSecret(
    string Name,
    string Namespace,
    string ResourceVersion,
    IReadOnlyDictionary<string, byte[]> Data,
    IReadOnlyDictionary<string, string> Annotations)
{
    public override string ToString() => $"Secret {Namespace}/{Name}@{ResourceVersion} [{string.Join(", ", Data.Keys.Order(StringComparer.Ordinal))}]";
}
