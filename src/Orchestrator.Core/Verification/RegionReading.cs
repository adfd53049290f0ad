using Orchestrator.Core.Cluster;

namespace Orchestrator.Core.Verification;

/// <summary>What <c>verify</c> read from a region, before judging it.</summary>
/// <param name="Cluster">The CassandraCluster, whose labels select the StatefulSets.</param>
/// <param name="NodeSecretData">The node TLS Secret's data; null when it could not be read (<paramref name="NodeSecretProblem"/> says why).</param>
public sealed record RegionReading(
    string Region,
    string Cluster,
    string Namespace,
    CaSecret CaSecret,
    string NodeSecretName,
    IReadOnlyDictionary<string, byte[]>? NodeSecretData,
    string? NodeSecretProblem,
    ClusterSnapshot Snapshot);
