using System.Runtime.CompilerServices;
using k8s;
using k8s.Models;
using Orchestrator.Kubernetes.Connection;
using Orchestrator.Kubernetes.Objects;
using Orchestrator.Kubernetes.Regions;
using Orchestrator.Kubernetes.Resilience;

namespace Orchestrator.Kubernetes.Observation;

/// <summary>
/// The three kinds an observation follows: the cluster's StatefulSets and pods (by label), read from their JSON as it
/// streams in, and the CA Secret (by name), small and rare enough for the client's typed model.
/// </summary>
internal static class KindSources
{
    public static KindSource<Core.Cluster.StatefulSetStatus> StatefulSets(ApiStreams streams, RegionTarget target) =>
        Streamed(streams, target, "apis/apps/v1", "statefulsets", ClusterObjects.StatefulSet);

    public static KindSource<Core.Cluster.PodStatus> Pods(ApiStreams streams, RegionTarget target) =>
        Streamed(streams, target, "api/v1", "pods", ClusterObjects.Pod);

    /// <summary>The CA Secret, as a list of at most one so that it can be watched from the list's version.</summary>
    public static KindSource<SecretChecksums> CaSecret(IKubernetes client, RegionTarget target, string name) => new(
        new ApiOperation("list", "secrets", target.Namespace),
        new ApiOperation("watch", "secrets", target.Namespace),
        async cancellationToken =>
        {
            var list = await client.CoreV1.ListNamespacedSecretAsync(target.Namespace, fieldSelector: RegionTarget.NameSelector(name), cancellationToken: cancellationToken);
            return new ListResult<SecretChecksums>(list.Items.Select(secret => (secret.Metadata.Name, ClusterObjects.Checksums(secret))).ToList(), list.Metadata.ResourceVersion);
        },
        (version, onError, cancellationToken) => Typed(
            client.CoreV1.WatchListNamespacedSecretAsync(
                target.Namespace, allowWatchBookmarks: true, fieldSelector: RegionTarget.NameSelector(name), resourceVersion: version, onError: onError, cancellationToken: cancellationToken),
            cancellationToken));

    private static KindSource<TStatus> Streamed<TStatus>(ApiStreams streams, RegionTarget target, string group, string resource, Func<ObjectFields, TStatus> map)
    {
        // The paths and queries the client's own calls would send, in the same order.
        var collection = $"{group}/namespaces/{Uri.EscapeDataString(target.Namespace)}/{resource}";
        var selector = Uri.EscapeDataString(target.CassandraSelector);
        return new(
            new ApiOperation("list", resource, target.Namespace),
            new ApiOperation("watch", resource, target.Namespace),
            cancellationToken => streams.ListAsync($"{collection}?labelSelector={selector}", map, cancellationToken),
            (version, onError, cancellationToken) => streams.WatchAsync(
                $"{collection}?allowWatchBookmarks=true&labelSelector={selector}&resourceVersion={Uri.EscapeDataString(version)}&watch=true", map, onError, cancellationToken));
    }

    private static async IAsyncEnumerable<WatchChange<SecretChecksums>> Typed(
        IAsyncEnumerable<(WatchEventType Type, V1Secret Object)> events, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var (type, secret) in events.WithCancellation(cancellationToken))
        {
            var changes = type is WatchEventType.Added or WatchEventType.Modified or WatchEventType.Deleted;
            yield return new WatchChange<SecretChecksums>(type, secret.Metadata?.Name, secret.Metadata?.ResourceVersion, changes ? ClusterObjects.Checksums(secret) : default);
        }
    }
}
