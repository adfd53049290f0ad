using k8s.Models;
using Orchestrator.Controller.Metrics;
using Orchestrator.Controller.Serving;
using Orchestrator.Core.Cluster;
using Orchestrator.Kubernetes;

namespace Orchestrator.Controller.Regions;

/// <summary>
/// A region as the controller's rotations use it: every call goes through unchanged; the CA Secret's entries go on the
/// expiry board each time it is read or written, and the Secret's identity is kept (never its data) so that Events
/// about it can be written in its region.
/// </summary>
internal sealed class ReportingRegionCluster(IRegionCluster inner, string cluster, CaExpiryBoard board, TimeProvider time) : IRegionCluster
{
    private volatile V1ObjectReference? _caSecret;

    public string Region => inner.Region;

    public Uri Server => inner.Server;

    public string? LastTransientFailure => inner.LastTransientFailure;

    /// <summary>Where Events about the region's CA Secret go; null until it was read, or when the region has no Kubernetes client.</summary>
    public SecretEventTarget? CaSecretEvents => inner is IKubernetesRegionCluster kubernetes && _caSecret is { } secret ? new SecretEventTarget(kubernetes.Api, secret) : null;

    public async Task<CaSecret> ReadSecretAsync(string name, CancellationToken cancellationToken)
    {
        var secret = await inner.ReadSecretAsync(name, cancellationToken);
        Seen(secret, secret.Data);
        return secret;
    }

    public async Task<SecretWriteOutcome> ReplaceSecretDataAsync(CaSecret basis, IReadOnlyDictionary<string, byte[]> data, CancellationToken cancellationToken)
    {
        var outcome = await inner.ReplaceSecretDataAsync(basis, data, cancellationToken);
        if (outcome.Written)
        {
            Seen(basis, data);
        }

        return outcome;
    }

    public Task<CaSecret?> FindSecretAsync(string name, CancellationToken cancellationToken) => inner.FindSecretAsync(name, cancellationToken);

    public Task<ClusterSnapshot> SnapshotAsync(string caSecret, CancellationToken cancellationToken) => inner.SnapshotAsync(caSecret, cancellationToken);

    public Task<LeaseRecord?> ReadLeaseAsync(string name, CancellationToken cancellationToken) => inner.ReadLeaseAsync(name, cancellationToken);

    public Task<LeaseRecord?> WriteLeaseAsync(string name, LeaseClaim claim, LeaseRecord? basis, CancellationToken cancellationToken) =>
        inner.WriteLeaseAsync(name, claim, basis, cancellationToken);

    public IAsyncEnumerable<ClusterSnapshot> ObserveAsync(string caSecret, CancellationToken cancellationToken) => inner.ObserveAsync(caSecret, cancellationToken);

    public void Dispose() => inner.Dispose();

    private void Seen(CaSecret secret, IReadOnlyDictionary<string, byte[]> data)
    {
        _caSecret = new V1ObjectReference { ApiVersion = "v1", Kind = "Secret", Name = secret.Name, NamespaceProperty = secret.Namespace, Uid = secret.Uid };
        board.Publish(cluster, Region, secret.Name, CaEntryExpiries.Of(data, time.GetUtcNow()));
    }
}
