using k8s;
using k8s.Models;

namespace Orchestrator.Simulator.Storage;

/// <summary>Namespaces are born Active and select by <c>status.phase</c>.</summary>
internal sealed class NamespaceStrategy : ResourceStrategy
{
    public override void PrepareForCreate(IKubernetesObject<V1ObjectMeta> created)
    {
        var space = (V1Namespace)created;
        space.Status = new V1NamespaceStatus { Phase = "Active" };
        space.Metadata.Labels ??= new Dictionary<string, string>();
        space.Metadata.Labels["kubernetes.io/metadata.name"] = space.Metadata.Name;
    }

    public override void PrepareForUpdate(IKubernetesObject<V1ObjectMeta> updated, IKubernetesObject<V1ObjectMeta> existing) =>
        ((V1Namespace)updated).Status = ((V1Namespace)existing).Status;

    public override IReadOnlyCollection<string> SelectableFields { get; } = ["metadata.name", "metadata.namespace", "status.phase"];

    public override string? FieldValue(IKubernetesObject<V1ObjectMeta> value, string field) =>
        field == "status.phase" ? ((V1Namespace)value).Status?.Phase : base.FieldValue(value, field);
}
