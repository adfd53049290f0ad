using k8s;
using k8s.Models;

namespace Orchestrator.Simulator.Storage;

/// <summary>The StatefulSet registry's rules: defaults, generation on spec change, status kept apart, immutable fields.</summary>
internal sealed class StatefulSetStrategy : ResourceStrategy
{
    public override bool HasGeneration => true;

    public override void PrepareForCreate(IKubernetesObject<V1ObjectMeta> created)
    {
        var set = (V1StatefulSet)created;
        set.Status = new V1StatefulSetStatus { Replicas = 0 };
        ApplyDefaults(set.Spec);
    }

    public override void PrepareForUpdate(IKubernetesObject<V1ObjectMeta> updated, IKubernetesObject<V1ObjectMeta> existing)
    {
        var set = (V1StatefulSet)updated;
        set.Status = ((V1StatefulSet)existing).Status;
        ApplyDefaults(set.Spec);
    }

    public override IKubernetesObject<V1ObjectMeta> PrepareForStatusUpdate(IKubernetesObject<V1ObjectMeta> updated, IKubernetesObject<V1ObjectMeta> existing)
    {
        var result = StoredObject.Clone((V1StatefulSet)existing);
        result.Metadata.ResourceVersion = updated.Metadata.ResourceVersion;
        result.Status = ((V1StatefulSet)updated).Status;
        return result;
    }

    public override string? GenerationSource(IKubernetesObject<V1ObjectMeta> value) =>
        StoredObject.CanonicalJson(((V1StatefulSet)value).Spec);

    public override IEnumerable<string> Validate(IKubernetesObject<V1ObjectMeta> value)
    {
        var spec = ((V1StatefulSet)value).Spec;
        if (spec?.Template?.Metadata?.Labels is null || spec.Selector is null)
        {
            yield return "spec.selector: Required value";
            yield break;
        }

        var labels = spec.Template.Metadata.Labels;
        if (spec.Selector.MatchLabels is { } matchLabels
            && matchLabels.Any(pair => !labels.TryGetValue(pair.Key, out var actual) || actual != pair.Value))
        {
            yield return "spec.template.metadata.labels: Invalid value: `selector` does not match template `labels`";
        }

        if (spec.Replicas < 0)
        {
            yield return $"spec.replicas: Invalid value: {spec.Replicas}: must be greater than or equal to 0";
        }
    }

    public override IEnumerable<string> ValidateUpdate(IKubernetesObject<V1ObjectMeta> updated, IKubernetesObject<V1ObjectMeta> existing)
    {
        foreach (var error in Validate(updated))
        {
            yield return error;
        }

        var before = ((V1StatefulSet)existing).Spec;
        var after = ((V1StatefulSet)updated).Spec;
        if (StoredObject.CanonicalJson(before.Selector) != StoredObject.CanonicalJson(after.Selector)
            || before.ServiceName != after.ServiceName
            || before.PodManagementPolicy != after.PodManagementPolicy
            || StoredObject.CanonicalJson(before.VolumeClaimTemplates) != StoredObject.CanonicalJson(after.VolumeClaimTemplates))
        {
            yield return "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";
        }
    }

    private static void ApplyDefaults(V1StatefulSetSpec? spec)
    {
        if (spec is null)
        {
            return;
        }

        spec.Replicas ??= 1;
        spec.PodManagementPolicy ??= "OrderedReady";
        spec.RevisionHistoryLimit ??= 10;
        spec.UpdateStrategy ??= new V1StatefulSetUpdateStrategy();
        spec.UpdateStrategy.Type ??= "RollingUpdate";
        if (spec.UpdateStrategy.Type == "RollingUpdate")
        {
            spec.UpdateStrategy.RollingUpdate ??= new V1RollingUpdateStatefulSetStrategy();
            spec.UpdateStrategy.RollingUpdate.Partition ??= 0;
        }

        PodSpecDefaults.Apply(spec.Template?.Spec);
    }
}
