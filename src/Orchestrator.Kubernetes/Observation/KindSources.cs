using Orchestrator.Core.Cluster;
using Orchestrator.Kubernetes.Connection;
using Orchestrator.Kubernetes.Objects;
using Orchestrator.Kubernetes.Regions;
using Orchestrator.Kubernetes.Resilience;

namespace Orchestrator.Kubernetes.Observation;

/// <summary>The three kinds an observation follows, all listed and watched the same way: StatefulSets and pods by label, the CA Secret by name.</summary>
internal static class KindSources
{
    public static KindSource<StatefulSetStatus> StatefulSets(ApiStreams streams, RegionTarget target) =>
        Create<StatefulSetJson, StatefulSetStatus>(streams, new ObjectQuery("apps", "v1", "statefulsets", target.Namespace, LabelSelector: target.CassandraSelector), ClusterObjects.StatefulSet);

    public static KindSource<PodStatus> Pods(ApiStreams streams, RegionTarget target) =>
        Create<PodJson, PodStatus>(streams, new ObjectQuery(string.Empty, "v1", "pods", target.Namespace, LabelSelector: target.CassandraSelector), ClusterObjects.Pod);

    /// <summary>The CA Secret, as a list of at most one so that it can be watched from the list's version.</summary>
    public static KindSource<SecretChecksums> CaSecret(ApiStreams streams, RegionTarget target, string name) =>
        Create<SecretJson, SecretChecksums>(
            streams, new ObjectQuery(string.Empty, "v1", "secrets", target.Namespace, FieldSelector: RegionTarget.NameSelector(name)), (_, secret) => ClusterObjects.Checksums(secret));

    private static KindSource<TStatus> Create<TObject, TStatus>(ApiStreams streams, ObjectQuery query, Func<string, TObject, TStatus> map)
        where TObject : class, IObjectJson => new(
        new ApiOperation("list", query.Plural, query.Namespace),
        new ApiOperation("watch", query.Plural, query.Namespace),
        cancellationToken => streams.ListAsync(query, map, cancellationToken),
        (version, cancellationToken) => streams.WatchAsync(query, version, map, cancellationToken));
}
