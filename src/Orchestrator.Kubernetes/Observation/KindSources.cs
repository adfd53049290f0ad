using k8s;
using k8s.Models;
using Orchestrator.Kubernetes.Objects;
using Orchestrator.Kubernetes.Regions;
using Orchestrator.Kubernetes.Resilience;

namespace Orchestrator.Kubernetes.Observation;

/// <summary>The three kinds an observation follows: the cluster's StatefulSets and pods (by label) and the CA Secret (by name).</summary>
internal static class KindSources
{
    public static KindSource<V1StatefulSet, Core.Cluster.StatefulSetStatus> StatefulSets(IKubernetes client, RegionTarget target) => new(
        new ApiOperation("list", "statefulsets", target.Namespace),
        new ApiOperation("watch", "statefulsets", target.Namespace),
        async cancellationToken =>
        {
            var list = await client.AppsV1.ListNamespacedStatefulSetAsync(target.Namespace, labelSelector: target.CassandraSelector, cancellationToken: cancellationToken);
            return new ListResult<V1StatefulSet>(list.Items, list.Metadata.ResourceVersion);
        },
        (version, onError, cancellationToken) => client.AppsV1.WatchListNamespacedStatefulSetAsync(
            target.Namespace, allowWatchBookmarks: true, labelSelector: target.CassandraSelector, resourceVersion: version, onError: onError, cancellationToken: cancellationToken),
        ClusterObjects.StatefulSet);

    public static KindSource<V1Pod, Core.Cluster.PodStatus> Pods(IKubernetes client, RegionTarget target) => new(
        new ApiOperation("list", "pods", target.Namespace),
        new ApiOperation("watch", "pods", target.Namespace),
        async cancellationToken =>
        {
            var list = await client.CoreV1.ListNamespacedPodAsync(target.Namespace, labelSelector: target.CassandraSelector, cancellationToken: cancellationToken);
            return new ListResult<V1Pod>(list.Items, list.Metadata.ResourceVersion);
        },
        (version, onError, cancellationToken) => client.CoreV1.WatchListNamespacedPodAsync(
            target.Namespace, allowWatchBookmarks: true, labelSelector: target.CassandraSelector, resourceVersion: version, onError: onError, cancellationToken: cancellationToken),
        ClusterObjects.Pod);

    /// <summary>The CA Secret, as a list of at most one so that it can be watched from the list's version.</summary>
    public static KindSource<V1Secret, string?> CaSecret(IKubernetes client, RegionTarget target, string name) => new(
        new ApiOperation("list", "secrets", target.Namespace),
        new ApiOperation("watch", "secrets", target.Namespace),
        async cancellationToken =>
        {
            var list = await client.CoreV1.ListNamespacedSecretAsync(target.Namespace, fieldSelector: RegionTarget.NameSelector(name), cancellationToken: cancellationToken);
            return new ListResult<V1Secret>(list.Items, list.Metadata.ResourceVersion);
        },
        (version, onError, cancellationToken) => client.CoreV1.WatchListNamespacedSecretAsync(
            target.Namespace, allowWatchBookmarks: true, fieldSelector: RegionTarget.NameSelector(name), resourceVersion: version, onError: onError, cancellationToken: cancellationToken),
        ClusterObjects.AcknowledgedChecksum);
}
