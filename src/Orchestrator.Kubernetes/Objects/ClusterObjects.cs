using k8s.Models;
using Orchestrator.Core.Cassandra;
using Orchestrator.Core.Cluster;

namespace Orchestrator.Kubernetes.Objects;

/// <summary>Reads the few fields a rotation cares about out of the API's objects.</summary>
internal static class ClusterObjects
{
    public const string RevisionLabel = "controller-revision-hash";

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
            metadata.Labels?.TryGetValue(RevisionLabel, out var revision) == true ? revision : null,
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

    public static string? AcknowledgedChecksum(V1Secret? secret) =>
        secret?.Metadata.Annotations?.TryGetValue(SecretChecksum.AnnotationName, out var checksum) == true ? checksum : null;

    public static CaSecret Secret(V1Secret secret) => new(
        secret.Metadata.Name,
        secret.Metadata.NamespaceProperty,
        secret.Metadata.ResourceVersion,
        new Dictionary<string, byte[]>(secret.Data ?? new Dictionary<string, byte[]>(), StringComparer.Ordinal),
        new Dictionary<string, string>(secret.Metadata.Annotations ?? new Dictionary<string, string>(), StringComparer.Ordinal));

    public static LeaseRecord Lease(V1Lease lease) => new(
        lease.Metadata.Name,
        lease.Spec?.HolderIdentity,
        TimeSpan.FromSeconds(lease.Spec?.LeaseDurationSeconds ?? 0),
        Utc(lease.Spec?.AcquireTime),
        Utc(lease.Spec?.RenewTime),
        lease.Metadata.ResourceVersion);

    private static DateTimeOffset? Utc(DateTime? time) =>
        time is { } value ? new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)) : null;
}
