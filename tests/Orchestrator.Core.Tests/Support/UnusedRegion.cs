using Orchestrator.Core.Cluster;

namespace Orchestrator.Core.Tests.Support;

/// <summary>
/// A region whose every call fails the test: a test's own region overrides the calls its subject is meant to make.
/// </summary>
internal abstract class UnusedRegion(string name) : IRegionCluster
{
    public string Region => name;

    public virtual Uri Server => new($"https://{name}.example.invalid");

    public string? LastTransientFailure => null;

    public virtual Task<CaSecret> ReadSecretAsync(string secret, CancellationToken cancellationToken) => Unexpected<CaSecret>();

    public virtual Task<CaSecret?> FindSecretAsync(string secret, CancellationToken cancellationToken) => Unexpected<CaSecret?>();

    public virtual Task<ClusterSnapshot> SnapshotAsync(string caSecret, CancellationToken cancellationToken) => Unexpected<ClusterSnapshot>();

    public virtual Task<SecretWriteOutcome> ReplaceSecretDataAsync(CaSecret basis, IReadOnlyDictionary<string, byte[]> data, CancellationToken cancellationToken) =>
        Unexpected<SecretWriteOutcome>();

    public virtual Task<LeaseRecord?> ReadLeaseAsync(string lease, CancellationToken cancellationToken) => Unexpected<LeaseRecord?>();

    public virtual Task<LeaseRecord?> WriteLeaseAsync(string lease, LeaseClaim claim, LeaseRecord? basis, CancellationToken cancellationToken) =>
        Unexpected<LeaseRecord?>();

    public virtual IAsyncEnumerable<ClusterSnapshot> ObserveAsync(string caSecret, CancellationToken cancellationToken) =>
        throw Misuse(nameof(ObserveAsync));

    public virtual void Dispose()
    {
    }

    private Task<T> Unexpected<T>([System.Runtime.CompilerServices.CallerMemberName] string call = "") => Task.FromException<T>(Misuse(call));

    private InvalidOperationException Misuse(string call) => new($"region {name}: {call} was called by a test that does not expect it");
}
