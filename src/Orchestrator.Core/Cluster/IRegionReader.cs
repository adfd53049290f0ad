namespace Orchestrator.Core.Cluster;

/// <summary>
/// The reads of one region's Kubernetes API, apart from the writes: what a command that must change nothing (such as
/// <c>verify</c>) holds. Transient failures are retried inside, for as long as the caller's token allows; what is left
/// is <see cref="ClusterException"/> or cancellation.
/// </summary>
public interface IRegionReader : IDisposable
{
    string Region { get; }

    /// <summary>The API server the region's kubeconfig context points at.</summary>
    Uri Server { get; }

    /// <summary>The last transient failure a call was retried after (e.g. "get secrets anton/x: connection refused"), or null.</summary>
    string? LastTransientFailure { get; }

    /// <summary>Reads the CA Secret; <see cref="ClusterException"/> with <see cref="ClusterFailure.NotFound"/> when it is absent.</summary>
    Task<CaSecret> ReadSecretAsync(string name, CancellationToken cancellationToken);

    /// <summary>
    /// Reads any Secret of the region's namespace (it may hold private keys: never print its data), without keeping it
    /// as the basis of a later write; null when it does not exist.
    /// </summary>
    Task<CaSecret?> FindSecretAsync(string name, CancellationToken cancellationToken);

    /// <summary>The region's state now: one list of each kind.</summary>
    Task<ClusterSnapshot> SnapshotAsync(string caSecret, CancellationToken cancellationToken);
}
