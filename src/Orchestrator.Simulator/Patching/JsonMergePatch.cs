using System.Text.Json.Nodes;

namespace Orchestrator.Simulator.Patching;

/// <summary>JSON Merge Patch, RFC 7386 (<c>application/merge-patch+json</c>).</summary>
internal static class JsonMergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target is JsonObject targetObject ? targetObject.DeepClone().AsObject() : new JsonObject();
        MergeInto(result, patchObject);
        return result;
    }

    // Merges into a tree this class already owns, so nested objects are not cloned once per level.
    private static JsonObject MergeInto(JsonObject target, JsonObject patch)
    {
        foreach (var (name, value) in patch)
        {
            if (value is null)
            {
                target.Remove(name);
            }
            else if (value is JsonObject nested)
            {
                target[name] = target[name] is JsonObject current
                    ? MergeInto(current, nested)
                    : MergeInto(new JsonObject(), nested);
            }
            else
            {
                target[name] = value.DeepClone();
            }
        }

        return target;
    }
}
