using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Orchestrator.Simulator.Storage;

/// <summary>
/// The rules of the API server's custom resource registry: every change outside metadata bumps the generation, and
/// with the status subresource the main resource cannot write the status nor the status subresource anything else.
/// </summary>
internal sealed class CustomResourceStrategy(bool statusSubresource) : ResourceStrategy
{
    public override bool HasGeneration => true;

    public override void PrepareForCreate(IKubernetesObject<V1ObjectMeta> created)
    {
        if (statusSubresource)
        {
            ((CustomObject)created).Content.Remove("status");
        }
    }

    public override void PrepareForUpdate(IKubernetesObject<V1ObjectMeta> updated, IKubernetesObject<V1ObjectMeta> existing)
    {
        if (statusSubresource)
        {
            SetStatus((CustomObject)updated, ((CustomObject)existing).Content["status"]);
        }
    }

    public override IKubernetesObject<V1ObjectMeta> PrepareForStatusUpdate(IKubernetesObject<V1ObjectMeta> updated, IKubernetesObject<V1ObjectMeta> existing)
    {
        var copy = StoredObject.Clone((CustomObject)existing);
        SetStatus(copy, ((CustomObject)updated).Content["status"]);
        return copy;
    }

    /// <summary>Everything but metadata, with object keys in order, so that equal content compares equal.</summary>
    public override string? GenerationSource(IKubernetesObject<V1ObjectMeta> value) =>
        Canonical(((CustomObject)value).Content)!.ToJsonString();

    private static void SetStatus(CustomObject target, JsonNode? status)
    {
        if (status is null)
        {
            target.Content.Remove("status");
        }
        else
        {
            target.Content["status"] = status.DeepClone();
        }
    }

    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject map => new JsonObject(map.OrderBy(entry => entry.Key, StringComparer.Ordinal)
            .Select(entry => KeyValuePair.Create(entry.Key, Canonical(entry.Value)))),
        JsonArray list => new JsonArray(list.Select(Canonical).ToArray()),
        _ => node?.DeepClone(),
    };
}
