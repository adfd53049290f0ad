using k8s;
using k8s.Models;

namespace Orchestrator.Simulator.Storage;

/// <summary>Events select by the object they are about, which is how <c>kubectl describe</c> finds them.</summary>
internal sealed class EventStrategy : ResourceStrategy
{
    public override IReadOnlyCollection<string> SelectableFields { get; } =
    [
        "metadata.name", "metadata.namespace", "involvedObject.kind", "involvedObject.namespace", "involvedObject.name",
        "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath",
        "reason", "reportingComponent", "source", "type",
    ];

    public override string? FieldValue(IKubernetesObject<V1ObjectMeta> value, string field)
    {
        var ev = (Corev1Event)value;
        var involved = ev.InvolvedObject;
        return field switch
        {
            "involvedObject.kind" => involved?.Kind ?? string.Empty,
            "involvedObject.namespace" => involved?.NamespaceProperty ?? string.Empty,
            "involvedObject.name" => involved?.Name ?? string.Empty,
            "involvedObject.uid" => involved?.Uid ?? string.Empty,
            "involvedObject.apiVersion" => involved?.ApiVersion ?? string.Empty,
            "involvedObject.resourceVersion" => involved?.ResourceVersion ?? string.Empty,
            "involvedObject.fieldPath" => involved?.FieldPath ?? string.Empty,
            "reason" => ev.Reason ?? string.Empty,
            "reportingComponent" => ev.ReportingComponent ?? string.Empty,
            "source" => ev.Source?.Component ?? string.Empty,
            "type" => ev.Type ?? string.Empty,
            _ => base.FieldValue(value, field),
        };
    }
}
