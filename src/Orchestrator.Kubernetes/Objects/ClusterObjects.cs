using System.Text.Json;
using k8s.Models;
using Orchestrator.Core.Cassandra;
using Orchestrator.Core.Cluster;
using Orchestrator.Kubernetes.Observation;

namespace Orchestrator.Kubernetes.Objects;

/// <summary>Reads the few fields a rotation cares about out of the API's objects.</summary>
internal static class ClusterObjects
{
    public const string RevisionLabel = "controller-revision-hash";

    /// <summary>The label name as the JSON reader compares it.</summary>
    public static ReadOnlySpan<byte> RevisionLabelUtf8 => "controller-revision-hash"u8;

    /// <exception cref="JsonException">The pod has no name.</exception>
    public static PodStatus Pod(ObjectFields pod) => new(
        Named(pod),
        pod.Uid ?? string.Empty,
        pod.OwnerStatefulSet,
        pod.RevisionLabel,
        pod.Phase == "Running" && pod.ReadyCondition,
        pod.Deleting);

    /// <exception cref="JsonException">The StatefulSet has no name.</exception>
    public static StatefulSetStatus StatefulSet(ObjectFields set) => new(
        Named(set),
        set.Generation ?? 0,
        set.ObservedGeneration ?? 0,
        set.Replicas ?? 1,
        set.ReadyReplicas ?? 0,
        set.UpdatedReplicas ?? 0,
        set.CurrentRevision,
        set.UpdateRevision,
        set.UpdateStrategy,
        set.Partition);

    public static string? AcknowledgedChecksum(V1Secret? secret) =>
        secret?.Metadata.Annotations?.TryGetValue(SecretChecksum.AnnotationName, out var checksum) == true ? checksum : null;

    /// <summary>The checksum the operator acknowledged and that of the data the Secret holds.</summary>
    public static SecretChecksums Checksums(V1Secret secret) =>
        new(AcknowledgedChecksum(secret), SecretChecksum.Compute(new Dictionary<string, byte[]>(secret.Data ?? new Dictionary<string, byte[]>(), StringComparer.Ordinal)));

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

    private static string Named(ObjectFields item) => item.Name ?? throw new JsonException($"a {item.Kind ?? "object"} without metadata.name");

    private static DateTimeOffset? Utc(DateTime? time) =>
        time is { } value ? new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)) : null;
}
