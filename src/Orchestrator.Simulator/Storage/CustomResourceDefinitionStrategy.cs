using k8s;
using k8s.Models;

namespace Orchestrator.Simulator.Storage;

/// <summary>
/// The CustomResourceDefinition registry's rules: names defaulted, status owned by the API server's controllers,
/// the storage version remembered, and the validation that refuses a definition it could not serve.
/// </summary>
internal sealed class CustomResourceDefinitionStrategy : ResourceStrategy
{
    public override bool HasGeneration => true;

    public override void PrepareForCreate(IKubernetesObject<V1ObjectMeta> created)
    {
        var definition = (V1CustomResourceDefinition)created;
        ApplyDefaults(definition);
        definition.Status = new V1CustomResourceDefinitionStatus
        {
            AcceptedNames = new V1CustomResourceDefinitionNames { Plural = string.Empty, Kind = string.Empty },
            StoredVersions = StorageVersion(definition) is { } storage ? [storage] : [],
        };
    }

    public override void PrepareForUpdate(IKubernetesObject<V1ObjectMeta> updated, IKubernetesObject<V1ObjectMeta> existing)
    {
        var definition = (V1CustomResourceDefinition)updated;
        ApplyDefaults(definition);
        definition.Status = StoredObject.Clone(((V1CustomResourceDefinition)existing).Status);
        if (StorageVersion(definition) is { } storage && !definition.Status.StoredVersions.Contains(storage))
        {
            definition.Status.StoredVersions.Add(storage);
        }
    }

    public override IKubernetesObject<V1ObjectMeta> PrepareForStatusUpdate(IKubernetesObject<V1ObjectMeta> updated, IKubernetesObject<V1ObjectMeta> existing)
    {
        var copy = StoredObject.Clone((V1CustomResourceDefinition)existing);
        copy.Status = ((V1CustomResourceDefinition)updated).Status;
        return copy;
    }

    public override string? GenerationSource(IKubernetesObject<V1ObjectMeta> value) =>
        StoredObject.CanonicalJson(((V1CustomResourceDefinition)value).Spec);

    public override IEnumerable<string> Validate(IKubernetesObject<V1ObjectMeta> value)
    {
        var definition = (V1CustomResourceDefinition)value;
        var spec = definition.Spec;
        if (spec is null)
        {
            yield return "spec: Required value";
            yield break;
        }

        if (definition.Metadata.Name != $"{spec.Names?.Plural}.{spec.Group}")
        {
            yield return $"metadata.name: Invalid value: \"{definition.Metadata.Name}\": must be spec.names.plural+\".\"+spec.group";
        }

        if (string.IsNullOrEmpty(spec.Group))
        {
            yield return "spec.group: Required value";
        }

        if (spec.Scope is not ("Cluster" or "Namespaced"))
        {
            yield return string.IsNullOrEmpty(spec.Scope)
                ? "spec.scope: Required value"
                : $"spec.scope: Unsupported value: \"{spec.Scope}\": supported values: \"Cluster\", \"Namespaced\"";
        }

        if (string.IsNullOrEmpty(spec.Names?.Plural))
        {
            yield return "spec.names.plural: Required value";
        }

        if (string.IsNullOrEmpty(spec.Names?.Kind))
        {
            yield return "spec.names.kind: Required value";
        }

        var versions = spec.Versions ?? [];
        if (versions.Count == 0)
        {
            yield return "spec.versions: Invalid value: null: must have exactly one version marked as storage version";
            yield break;
        }

        if (versions.Count(version => version.Storage) != 1)
        {
            yield return "spec.versions: Invalid value: []apiextensions.CustomResourceDefinitionVersion{...}: must have exactly one version marked as storage version";
        }

        if (versions.Select(version => version.Name).Distinct(StringComparer.Ordinal).Count() != versions.Count)
        {
            yield return "spec.versions: Invalid value: []apiextensions.CustomResourceDefinitionVersion{...}: must contain unique version names";
        }

        for (var i = 0; i < versions.Count; i++)
        {
            if (versions[i].Schema?.OpenAPIV3Schema is null)
            {
                yield return $"spec.versions[{i}].schema.openAPIV3Schema: Required value: schemas are required";
            }
        }
    }

    public override IEnumerable<string> ValidateUpdate(IKubernetesObject<V1ObjectMeta> updated, IKubernetesObject<V1ObjectMeta> existing)
    {
        foreach (var error in Validate(updated))
        {
            yield return error;
        }

        var before = ((V1CustomResourceDefinition)existing).Spec;
        var after = ((V1CustomResourceDefinition)updated).Spec;
        if (after is not null && before.Scope != after.Scope)
        {
            yield return $"spec.scope: Invalid value: \"{after.Scope}\": field is immutable";
        }

        if (after is not null && before.Group != after.Group)
        {
            yield return $"spec.group: Invalid value: \"{after.Group}\": field is immutable";
        }
    }

    private static string? StorageVersion(V1CustomResourceDefinition definition) =>
        definition.Spec?.Versions?.FirstOrDefault(version => version.Storage)?.Name;

    /// <summary>The defaults of the v1 API: singular is the lower-case kind, listKind the kind and "List".</summary>
    private static void ApplyDefaults(V1CustomResourceDefinition definition)
    {
        if (definition.Spec?.Names is { } names && !string.IsNullOrEmpty(names.Kind))
        {
            names.Singular ??= names.Kind.ToLowerInvariant();
            names.ListKind ??= names.Kind + "List";
        }
    }
}
