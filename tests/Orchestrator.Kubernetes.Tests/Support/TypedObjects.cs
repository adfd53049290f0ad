using k8s.Models;
using Orchestrator.Core.Cassandra;
using Orchestrator.Core.Cluster;
using Orchestrator.Kubernetes.Observation;

namespace Orchestrator.Kubernetes.Tests.Support;

/// <summary>
/// The reading of pods, StatefulSets and the CA Secret through the client's typed model, as the adapter did it before
/// it read the JSON itself: the reference the reader must agree with.
/// </summary>
internal static class TypedObjects
{
    public static PodStatus Pod(V1Pod pod)
    {
        var metadata = pod.Metadata;
        var owner = metadata.OwnerReferences?.FirstOrDefault(reference => reference.Kind == "StatefulSet");
        var ready = pod.Status?.Phase == "Running"
            && pod.Status.Conditions?.Any(condition => condition.Type == "Ready" && condition.Status == "True") == true;
        return new PodStatus(
            metadata.Name,
            metadata.Uid,
            owner?.Name,
            metadata.Labels?.TryGetValue("controller-revision-hash", out var revision) == true ? revision : null,
            ready,
            metadata.DeletionTimestamp is not null);
    }

    public static StatefulSetStatus StatefulSet(V1StatefulSet set)
    {
        var spec = set.Spec;
        var status = set.Status;
        return new StatefulSetStatus(
            set.Metadata.Name,
            set.Metadata.Generation ?? 0,
            status?.ObservedGeneration ?? 0,
            spec?.Replicas ?? 1,
            status?.ReadyReplicas ?? 0,
            status?.UpdatedReplicas ?? 0,
            status?.CurrentRevision,
            status?.UpdateRevision,
            spec?.UpdateStrategy?.Type,
            spec?.UpdateStrategy?.RollingUpdate?.Partition);
    }

    public static SecretChecksums Secret(V1Secret secret) => new(
        secret.Metadata.Annotations?.TryGetValue(SecretChecksum.AnnotationName, out var checksum) == true ? checksum : null,
        SecretChecksum.Compute(new Dictionary<string, byte[]>(secret.Data ?? new Dictionary<string, byte[]>(), StringComparer.Ordinal)));
}
