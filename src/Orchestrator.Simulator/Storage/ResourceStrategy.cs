using k8s;
using k8s.Models;

namespace Orchestrator.Simulator.Storage;

/// <summary>
/// What a Kubernetes registry strategy does for one kind: defaults, what an update may change, validation,
/// and the fields a field selector may name.
/// </summary>
internal class ResourceStrategy
{
    public static readonly ResourceStrategy Default = new();

    /// <summary>Whether the object carries <c>metadata.generation</c>, bumped when its spec changes.</summary>
    public virtual bool HasGeneration => false;

    /// <summary>Whether a delete first marks the object terminating (pods), instead of removing it at once.</summary>
    public virtual bool GracefulDelete => false;

    public virtual void PrepareForCreate(IKubernetesObject<V1ObjectMeta> created)
    {
    }

    /// <summary>Carries over what a plain update may not change (for kinds with a status subresource: the status).</summary>
    public virtual void PrepareForUpdate(IKubernetesObject<V1ObjectMeta> updated, IKubernetesObject<V1ObjectMeta> existing)
    {
    }

    /// <summary>Keeps everything but the status for an update through the status subresource.</summary>
    public virtual IKubernetesObject<V1ObjectMeta> PrepareForStatusUpdate(IKubernetesObject<V1ObjectMeta> updated, IKubernetesObject<V1ObjectMeta> existing) =>
        throw new InvalidOperationException("this kind has no status subresource");

    /// <summary>The JSON of the part whose change bumps <c>metadata.generation</c>.</summary>
    public virtual string? GenerationSource(IKubernetesObject<V1ObjectMeta> value) => null;

    public virtual IEnumerable<string> Validate(IKubernetesObject<V1ObjectMeta> value) => [];

    public virtual IEnumerable<string> ValidateUpdate(IKubernetesObject<V1ObjectMeta> updated, IKubernetesObject<V1ObjectMeta> existing) =>
        Validate(updated);

    /// <summary>The fields a field selector may name for this kind.</summary>
    public virtual IReadOnlyCollection<string> SelectableFields { get; } = ["metadata.name", "metadata.namespace"];

    /// <summary>The value of a field-selector field, or null when the kind does not support selecting by it.</summary>
    public virtual string? FieldValue(IKubernetesObject<V1ObjectMeta> value, string field) => field switch
    {
        "metadata.name" => value.Metadata.Name,
        "metadata.namespace" => value.Metadata.NamespaceProperty ?? string.Empty,
        _ => null,
    };
}
