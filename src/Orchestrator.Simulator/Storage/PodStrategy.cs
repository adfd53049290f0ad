using k8s;
using k8s.Models;

namespace Orchestrator.Simulator.Storage;

/// <summary>The Pod registry's rules: defaults, status kept apart, a spec that cannot change, graceful deletion.</summary>
internal sealed class PodStrategy : ResourceStrategy
{
    public override bool GracefulDelete => true;

    public override void PrepareForCreate(IKubernetesObject<V1ObjectMeta> created)
    {
        var pod = (V1Pod)created;
        pod.Status = new V1PodStatus { Phase = "Pending", QosClass = "BestEffort" };
        PodSpecDefaults.Apply(pod.Spec);
    }

    public override void PrepareForUpdate(IKubernetesObject<V1ObjectMeta> updated, IKubernetesObject<V1ObjectMeta> existing)
    {
        var pod = (V1Pod)updated;
        pod.Status = ((V1Pod)existing).Status;

        // Before the comparison with the stored spec, which was defaulted when it was created.
        PodSpecDefaults.Apply(pod.Spec);
    }

    public override IKubernetesObject<V1ObjectMeta> PrepareForStatusUpdate(IKubernetesObject<V1ObjectMeta> updated, IKubernetesObject<V1ObjectMeta> existing)
    {
        var result = StoredObject.Clone((V1Pod)existing);
        result.Metadata.ResourceVersion = updated.Metadata.ResourceVersion;
        result.Status = ((V1Pod)updated).Status;
        return result;
    }

    public override IEnumerable<string> Validate(IKubernetesObject<V1ObjectMeta> value)
    {
        var pod = (V1Pod)value;
        if (pod.Spec?.Containers is not { Count: > 0 })
        {
            yield return "spec.containers: Required value";
        }
    }

    public override IEnumerable<string> ValidateUpdate(IKubernetesObject<V1ObjectMeta> updated, IKubernetesObject<V1ObjectMeta> existing)
    {
        foreach (var error in Validate(updated))
        {
            yield return error;
        }

        if (StoredObject.CanonicalJson(WithoutImages(((V1Pod)updated).Spec)) != StoredObject.CanonicalJson(WithoutImages(((V1Pod)existing).Spec)))
        {
            yield return "spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`, `spec.initContainers[*].image`, `spec.activeDeadlineSeconds`, `spec.tolerations` (only additions to existing tolerations) or `spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";
        }
    }

    public override IReadOnlyCollection<string> SelectableFields { get; } = ["metadata.name", "metadata.namespace", "status.phase", "spec.nodeName", "spec.serviceAccountName"];

    public override string? FieldValue(IKubernetesObject<V1ObjectMeta> value, string field)
    {
        var pod = (V1Pod)value;
        return field switch
        {
            "status.phase" => pod.Status?.Phase ?? string.Empty,
            "spec.nodeName" => pod.Spec?.NodeName ?? string.Empty,
            "spec.serviceAccountName" => pod.Spec?.ServiceAccountName ?? string.Empty,
            _ => base.FieldValue(value, field),
        };
    }

    private static V1PodSpec? WithoutImages(V1PodSpec? spec)
    {
        if (spec is null)
        {
            return null;
        }

        var copy = StoredObject.Clone(spec);
        foreach (var container in copy.Containers ?? [])
        {
            container.Image = null;
        }

        foreach (var container in copy.InitContainers ?? [])
        {
            container.Image = null;
        }

        return copy;
    }
}
