using System.Collections.Concurrent;
using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Orchestrator.Core.Cluster;
using Orchestrator.Kubernetes.Connection;
using Orchestrator.Kubernetes.Objects;
using Orchestrator.Kubernetes.Observation;
using Orchestrator.Kubernetes.Resilience;

namespace Orchestrator.Kubernetes.Regions;

/// <summary>One region's API through the official client, every call retried through the region's pipeline.</summary>
internal sealed class KubernetesRegionCluster : IKubernetesRegionCluster
{
    private readonly RegionClient _client;
    private readonly ServerCertificateValidator _validator;
    private readonly RegionTarget _target;
    private readonly RegionCalls _calls;
    private readonly ClusterObserver _observer;
    private readonly KindSource<StatefulSetStatus> _statefulSets;
    private readonly KindSource<PodStatus> _pods;

    /// <summary>
    /// The Secrets as last read or written, by name: a replace sends the whole object it was based on (labels, type,
    /// owner references and all) with only the data changed.
    /// </summary>
    private readonly ConcurrentDictionary<string, V1Secret> _secrets = new(StringComparer.Ordinal);

    public KubernetesRegionCluster(
        RegionClient client,
        ServerCertificateValidator validator,
        RegionTarget target,
        KubernetesClientOptions options,
        TimeProvider timeProvider,
        ILogger logger)
    {
        _client = client;
        _validator = validator;
        _target = target;
        _calls = new RegionCalls(target, validator, options, timeProvider, logger);
        var streams = new ApiStreams(client);
        _statefulSets = KindSources.StatefulSets(streams, target);
        _pods = KindSources.Pods(streams, target);
        _observer = new ClusterObserver(streams, _statefulSets, _pods, _calls, target, new ObservationSettings(target.Region, options.SafetyRelist, timeProvider, logger));
    }

    public string Region => _target.Region;

    public IKubernetes Api => _client;

    public Uri Server => _target.Server;

    public string? LastTransientFailure => _calls.LastTransientFailure;

    public async Task<CaSecret> ReadSecretAsync(string name, CancellationToken cancellationToken)
    {
        var secret = await GetSecretAsync(name, cancellationToken);
        _secrets[name] = secret;
        return ClusterObjects.Secret(secret);
    }

    public async Task<CaSecret?> FindSecretAsync(string name, CancellationToken cancellationToken) =>
        await FindRawSecretAsync(name, cancellationToken) is { } secret ? ClusterObjects.Secret(secret) : null;

    public async Task<SecretWriteOutcome> ReplaceSecretDataAsync(CaSecret basis, IReadOnlyDictionary<string, byte[]> data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(basis);
        ArgumentNullException.ThrowIfNull(data);
        if (!_secrets.TryGetValue(basis.Name, out var read) || read.Metadata.ResourceVersion != basis.ResourceVersion)
        {
            // A basis from an earlier run: the object it came from must be read again, and it is only still a basis
            // if nobody has changed it since.
            read = await GetSecretAsync(basis.Name, cancellationToken);
            if (read.Metadata.ResourceVersion != basis.ResourceVersion)
            {
                return SecretWriteOutcome.Conflict;
            }
        }

        var body = KubernetesJson.Deserialize<V1Secret>(KubernetesJson.Serialize(read));
        body.Data = data.ToDictionary(entry => entry.Key, entry => entry.Value.ToArray(), StringComparer.Ordinal);
        body.StringData = null;
        body.Metadata.ResourceVersion = basis.ResourceVersion;
        var operation = new ApiOperation("update", "secrets", _target.Namespace, basis.Name);
        var written = await _calls.ExecuteAsync(
            operation,
            async token =>
            {
                try
                {
                    return await _client.CoreV1.ReplaceNamespacedSecretAsync(body, basis.Name, _target.Namespace, cancellationToken: token);
                }
                catch (HttpOperationException conflict) when (conflict.Response?.StatusCode == HttpStatusCode.Conflict)
                {
                    // Someone else wrote first, or an earlier attempt of this very write got through unanswered:
                    // either way the caller must read again and decide again. Never retried, never forced.
                    return null;
                }
            },
            cancellationToken);
        if (written is null)
        {
            return SecretWriteOutcome.Conflict;
        }

        _secrets[basis.Name] = written;
        return new SecretWriteOutcome(true, written.Metadata.ResourceVersion);
    }

    public async Task<ClusterSnapshot> SnapshotAsync(string caSecret, CancellationToken cancellationToken)
    {
        var sets = _calls.ExecuteAsync(_statefulSets.ListOperation, _statefulSets.List, cancellationToken);
        var pods = _calls.ExecuteAsync(_pods.ListOperation, _pods.List, cancellationToken);
        // As in an observation: no Secret, no checksums.
        var secret = FindRawSecretAsync(caSecret, cancellationToken);
        await Task.WhenAll(sets, pods, secret);
        var checksums = await secret is { } found ? ClusterObjects.Checksums(found) : (SecretChecksums?)null;
        return new ClusterSnapshot(
            checksums?.Acknowledged,
            (await sets).Items.OrderBy(set => set.Name, StringComparer.Ordinal).Select(set => set.Status).ToList(),
            (await pods).Items.OrderBy(pod => pod.Name, StringComparer.Ordinal).Select(pod => pod.Status).ToList())
        {
            DataChecksum = checksums?.Data,
        };
    }

    public async Task<LeaseRecord?> ReadLeaseAsync(string name, CancellationToken cancellationToken) =>
        await _calls.ExecuteAsync(
            new ApiOperation("get", "leases", _target.Namespace, name),
            token => NullWhenMissing(() => _client.CoordinationV1.ReadNamespacedLeaseAsync(name, _target.Namespace, cancellationToken: token)),
            cancellationToken) is { } lease ? ClusterObjects.Lease(lease) : null;

    public Task<LeaseRecord?> WriteLeaseAsync(string name, LeaseClaim claim, LeaseRecord? basis, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var lease = new V1Lease
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = _target.Namespace, ResourceVersion = basis?.ResourceVersion },
            Spec = new V1LeaseSpec
            {
                HolderIdentity = claim.Holder,
                LeaseDurationSeconds = (int)Math.Ceiling(claim.Duration.TotalSeconds),
                AcquireTime = claim.AcquireTime.UtcDateTime,
                RenewTime = claim.RenewTime.UtcDateTime,
            },
        };
        var operation = new ApiOperation(basis is null ? "create" : "update", "leases", _target.Namespace, name);
        return _calls.ExecuteAsync(
            operation,
            async token =>
            {
                try
                {
                    var written = basis is null
                        ? await _client.CoordinationV1.CreateNamespacedLeaseAsync(lease, _target.Namespace, cancellationToken: token)
                        : await _client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, name, _target.Namespace, cancellationToken: token);
                    return ClusterObjects.Lease(written);
                }
                catch (HttpOperationException taken) when (taken.Response?.StatusCode == HttpStatusCode.Conflict)
                {
                    // Created or renewed by someone else first: the caller reads again and decides again.
                    return null;
                }
            },
            cancellationToken);
    }

    public IAsyncEnumerable<ClusterSnapshot> ObserveAsync(string caSecret, CancellationToken cancellationToken) =>
        _observer.ObserveAsync(caSecret, cancellationToken);

    public void Dispose()
    {
        _client.Dispose();
        _validator.Dispose();
    }

    private Task<V1Secret> GetSecretAsync(string name, CancellationToken cancellationToken) =>
        _calls.ExecuteAsync(
            new ApiOperation("get", "secrets", _target.Namespace, name),
            token => _client.CoreV1.ReadNamespacedSecretAsync(name, _target.Namespace, cancellationToken: token),
            cancellationToken);

    /// <summary>The Secret as the API server holds it, or null when there is none; retried like every read.</summary>
    private Task<V1Secret?> FindRawSecretAsync(string name, CancellationToken cancellationToken) =>
        _calls.ExecuteAsync(
            new ApiOperation("get", "secrets", _target.Namespace, name),
            token => NullWhenMissing(() => _client.CoreV1.ReadNamespacedSecretAsync(name, _target.Namespace, cancellationToken: token)),
            cancellationToken);

    /// <summary>A read whose 404 means "absent", not a failure.</summary>
    private static async Task<T?> NullWhenMissing<T>(Func<Task<T>> read)
        where T : class
    {
        try
        {
            return await read();
        }
        catch (HttpOperationException missing) when (missing.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
