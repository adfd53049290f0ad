namespace Orchestrator.Core.Cluster;

/// <summary>
/// The calls a rotation makes on one region's Kubernetes API: the reads of <see cref="IRegionReader"/>, the writes and
/// the watches. Transient failures (5xx, 429, timeouts, refused connections) are retried inside, for as long as the
/// caller's token allows; what is left is <see cref="ClusterException"/> or cancellation.
/// </summary>
public interface IRegionCluster : IRegionReader
{
    /// <summary>
    /// Replaces the Secret's data, on condition that it is still at <paramref name="basis"/>'s resource version (a PUT
    /// carrying it). A conflict is an outcome, not an error: read again and decide again.
    /// </summary>
    Task<SecretWriteOutcome> ReplaceSecretDataAsync(CaSecret basis, IReadOnlyDictionary<string, byte[]> data, CancellationToken cancellationToken);

    /// <summary>Reads a Lease in the region's namespace; null when it does not exist.</summary>
    Task<LeaseRecord?> ReadLeaseAsync(string name, CancellationToken cancellationToken);

    /// <summary>
    /// Creates the Lease (no <paramref name="basis"/>) or replaces it on condition that it is still at the basis's
    /// resource version. Null when someone else created or changed it first: read again and decide again.
    /// </summary>
    Task<LeaseRecord?> WriteLeaseAsync(string name, LeaseClaim claim, LeaseRecord? basis, CancellationToken cancellationToken);

    /// <summary>
    /// The region's state now, then again after every change, driven by watches (re-listing after a broken watch or
    /// a 410, and re-listing now and then as a safety net) until the token ends.
    /// </summary>
    IAsyncEnumerable<ClusterSnapshot> ObserveAsync(string caSecret, CancellationToken cancellationToken);
}
