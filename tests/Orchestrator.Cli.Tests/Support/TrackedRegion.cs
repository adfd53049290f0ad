using System.Runtime.CompilerServices;
using Orchestrator.Core.Cluster;

namespace Orchestrator.Cli.Tests.Support;

/// <summary>
/// A region's real client that counts its disposals and notes any call or observation still open when it was
/// disposed, and any call made after.
/// </summary>
internal sealed class TrackedRegion(IRegionCluster inner) : IRegionCluster
{
    private int _open;
    private int _disposals;
    private int _calls;
    private int _callsAfterDisposal;

    public string Region => inner.Region;

    public Uri Server => inner.Server;

    public string? LastTransientFailure => inner.LastTransientFailure;

    public int Disposals => Volatile.Read(ref _disposals);

    /// <summary>Calls (including observations) begun, all told.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Calls or observations (their watches' closes included) that had not finished when it was disposed.</summary>
    public int OpenAtDisposal { get; private set; }

    /// <summary>Calls begun after it was disposed.</summary>
    public int CallsAfterDisposal => Volatile.Read(ref _callsAfterDisposal);

    public Task<CaSecret> ReadSecretAsync(string name, CancellationToken cancellationToken) => TrackAsync(() => inner.ReadSecretAsync(name, cancellationToken));

    public Task<CaSecret?> FindSecretAsync(string name, CancellationToken cancellationToken) => TrackAsync(() => inner.FindSecretAsync(name, cancellationToken));

    public Task<ClusterSnapshot> SnapshotAsync(string caSecret, CancellationToken cancellationToken) => TrackAsync(() => inner.SnapshotAsync(caSecret, cancellationToken));

    public Task<SecretWriteOutcome> ReplaceSecretDataAsync(CaSecret basis, IReadOnlyDictionary<string, byte[]> data, CancellationToken cancellationToken) =>
        TrackAsync(() => inner.ReplaceSecretDataAsync(basis, data, cancellationToken));

    public Task<LeaseRecord?> ReadLeaseAsync(string name, CancellationToken cancellationToken) => TrackAsync(() => inner.ReadLeaseAsync(name, cancellationToken));

    public Task<LeaseRecord?> WriteLeaseAsync(string name, LeaseClaim claim, LeaseRecord? basis, CancellationToken cancellationToken) =>
        TrackAsync(() => inner.WriteLeaseAsync(name, claim, basis, cancellationToken));

    public async IAsyncEnumerable<ClusterSnapshot> ObserveAsync(string caSecret, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Begin();
        try
        {
            // The inner observation is disposed (its watches closed) before this finally runs.
            await foreach (var snapshot in inner.ObserveAsync(caSecret, cancellationToken))
            {
                yield return snapshot;
            }
        }
        finally
        {
            Interlocked.Decrement(ref _open);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Increment(ref _disposals) == 1)
        {
            OpenAtDisposal = Volatile.Read(ref _open);
            inner.Dispose();
        }
    }

    private async Task<T> TrackAsync<T>(Func<Task<T>> call)
    {
        Begin();
        try
        {
            return await call();
        }
        finally
        {
            Interlocked.Decrement(ref _open);
        }
    }

    private void Begin()
    {
        Interlocked.Increment(ref _calls);
        Interlocked.Increment(ref _open);
        if (Disposals > 0)
        {
            Interlocked.Increment(ref _callsAfterDisposal);
        }
    }
}
