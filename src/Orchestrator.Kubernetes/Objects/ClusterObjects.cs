using k8s.Models;
using Orchestrator.Core.Cassandra;
using Orchestrator.Core.Cluster;
using Orchestrator.Kubernetes.Observation;

namespace Orchestrator.Kubernetes.Objects;

/// <summary>Makes the API's objects into the records a rotation keeps of them.</summary>
internal static class ClusterObjects
{
    public const string RevisionLabel = "controller-revision-hash";

    public static PodStatus Pod(string name, PodJson pod) => new(
        name,
        pod.Metadata?.Uid ?? string.Empty,
        pod.Metadata?.OwnerReferences?.FirstOrDefault(owner => owner?.Kind == "StatefulSet")?.Name,
        pod.Metadata?.Labels?.GetValueOrDefault(RevisionLabel),
        pod.Status?.Phase == "Running" && pod.Status.Conditions?.Any(condition => condition is { Type: "Ready", Status: "True" }) == true,
        pod.Metadata?.DeletionTimestamp is not null);

    public static StatefulSetStatus StatefulSet(string name, StatefulSetJson set) => new(
        name,
        set.Metadata?.Generation ?? 0,
        set.Status?.ObservedGeneration ?? 0,
        set.Spec?.Replicas ?? 1,
        set.Status?.ReadyReplicas ?? 0,
        set.Status?.UpdatedReplicas ?? 0,
        set.Status?.CurrentRevision,
        set.Status?.UpdateRevision,
        set.Spec?.UpdateStrategy?.Type,
        set.Spec?.UpdateStrategy?.RollingUpdate?.Partition);

    /// <summary>The checksum the operator acknowledged and that of the data the Secret holds.</summary>
    public static SecretChecksums Checksums(SecretJson secret) =>
        Checksums(secret.Metadata?.Annotations?.GetValueOrDefault(SecretChecksum.AnnotationName), secret.Data);

    /// <inheritdoc cref="Checksums(SecretJson)"/>
    public static SecretChecksums Checksums(V1Secret secret) =>
        Checksums(secret.Metadata?.Annotations?.TryGetValue(SecretChecksum.AnnotationName, out var checksum) == true ? checksum : null, secret.Data);

    public static CaSecret Secret(V1Secret secret) => new(
        secret.Metadata.Name,
        secret.Metadata.NamespaceProperty,
        secret.Metadata.ResourceVersion,
        new Dictionary<string, byte[]>(secret.Data ?? new Dictionary<string, byte[]>(), StringComparer.Ordinal),
        new Dictionary<string, string>(secret.Metadata.Annotations ?? new Dictionary<string, string>(), StringComparer.Ordinal))
    {
        Uid = secret.Metadata.Uid,
    };

    public static LeaseRecord Lease(V1Lease lease) => new(
        lease.Metadata.Name,
        lease.Spec?.HolderIdentity,
        TimeSpan.FromSeconds(lease.Spec?.LeaseDurationSeconds ?? 0),
        Utc(lease.Spec?.AcquireTime),
        Utc(lease.Spec?.RenewTime),
        lease.Metadata.ResourceVersion);

    private static SecretChecksums Checksums(string? acknowledged, IEnumerable<KeyValuePair<string, byte[]>>? data) =>
        new(acknowledged, SecretChecksum.Compute(new Dictionary<string, byte[]>(data ?? [], StringComparer.Ordinal)));

    private static DateTimeOffset? Utc(DateTime? time) =>
        time is { } value ? new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)) : null;
}
