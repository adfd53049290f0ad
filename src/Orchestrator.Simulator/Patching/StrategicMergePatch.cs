using System.Text.Json.Nodes;

namespace Orchestrator.Simulator.Patching;

/// <summary>
/// Kubernetes strategic merge patch (<c>application/strategic-merge-patch+json</c>), following the
/// apply half of k8s.io/apimachinery/pkg/util/strategicpatch/patch.go for the fields of
/// <see cref="StrategicPatchSchema"/>.
/// </summary>
internal static class StrategicMergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        // A JSON null patch decodes to a nil map in Go and changes nothing.
        if (patch is null)
        {
            return target?.DeepClone();
        }

        if (patch is not JsonObject patchObject)
        {
            throw new PatchException("strategic merge patch: the patch must be a JSON object");
        }

        var original = target switch
        {
            null => null,
            JsonObject obj => obj.DeepClone().AsObject(),
            _ => throw new PatchException("strategic merge patch: the patched object must be a JSON object"),
        };
        return MergeMap(original, patchObject, path: string.Empty, parent: string.Empty);
    }

    /// <summary>
    /// Merges <paramref name="patch"/> into <paramref name="original"/>, which the caller hands over and
    /// which may be changed in place; <paramref name="patch"/> is only read.
    /// </summary>
    /// <param name="path">Dotted path of the map, for messages.</param>
    /// <param name="parent">Name of the field holding the map, for <see cref="StrategicPatchSchema"/>.</param>
    internal static JsonObject MergeMap(JsonObject? original, JsonObject patch, string path, string parent)
    {
        switch (PatchDirectives.PatchOf(patch))
        {
            case null:
                break;
            case PatchDirectives.Replace:
                return MergeFields(new JsonObject(), patch, path, parent);
            case PatchDirectives.Delete:
                // Go's mergeMap answers an empty map; the caller keeps the key (k8s "delete map from nested map").
                return new JsonObject();
            case var unknown:
                throw new PatchException($"strategic merge patch: unknown patch type \"{unknown}\" in map at {PatchDirectives.Describe(path)}");
        }

        return MergeFields(original ?? new JsonObject(), patch, path, parent);
    }

    /// <summary>
    /// A patch value for which there is nothing to merge with: directives are resolved against nothing,
    /// nulls are dropped. False when the value asks for its own deletion.
    /// </summary>
    internal static bool TryCreate(JsonNode? value, string path, string field, string parent, out JsonNode? created)
    {
        created = value switch
        {
            JsonObject obj when PatchDirectives.PatchOf(obj) == PatchDirectives.Delete => null,
            JsonObject obj => MergeMap(null, obj, path, field),
            JsonArray list => StrategicListMerge.Merge(null, list, StrategicPatchSchema.ListStrategy(parent, field), path, field),
            _ => value?.DeepClone(),
        };
        return created is not null || value is not JsonObject;
    }

    private static JsonObject MergeFields(JsonObject result, JsonObject patch, string path, string parent)
    {
        ApplyRetainKeys(result, patch, path);
        var ordered = StrategicElementOrder.Apply(result, patch, path, parent);

        // Go visits keys in random order; deleting last keeps "add then delete" of one value deterministic.
        var deletions = new List<KeyValuePair<string, JsonNode?>>();
        foreach (var (key, value) in patch)
        {
            if (key is PatchDirectives.Patch or PatchDirectives.RetainKeys
                || key.StartsWith(PatchDirectives.SetElementOrderPrefix, StringComparison.Ordinal)
                || ordered.Contains(key))
            {
                continue;
            }

            if (key.StartsWith(PatchDirectives.DeleteFromPrimitiveListPrefix, StringComparison.Ordinal))
            {
                deletions.Add(new(key, value));
            }
            else if (key.StartsWith('$'))
            {
                throw new PatchException($"strategic merge patch: unknown directive \"{key}\" at {PatchDirectives.Describe(path)}");
            }
            else
            {
                MergeField(result, key, value, path, parent);
            }
        }

        foreach (var (key, values) in deletions)
        {
            DeleteFromPrimitiveList(result, key[PatchDirectives.DeleteFromPrimitiveListPrefix.Length..], values, path);
        }

        return result;
    }

    private static void MergeField(JsonObject result, string key, JsonNode? value, string path, string parent)
    {
        var childPath = PatchDirectives.Child(path, key);
        if (value is null)
        {
            result.Remove(key);
            return;
        }

        result.TryGetPropertyValue(key, out var current);
        switch (current, value)
        {
            case (JsonObject currentMap, JsonObject patchMap):
                var merged = MergeMap(currentMap, patchMap, childPath, key);
                if (!ReferenceEquals(merged, currentMap))
                {
                    result[key] = merged;
                }

                break;
            case (JsonArray currentList, JsonArray patchList):
                result[key] = StrategicListMerge.Merge(currentList, patchList, StrategicPatchSchema.ListStrategy(parent, key), childPath, key);
                break;
            case (JsonObject or JsonArray, _) or (_, JsonObject or JsonArray) or (null, _):
                // Missing, or of another JSON type: the patch value wins as it is.
                if (TryCreate(value, childPath, key, parent, out var created))
                {
                    result[key] = created;
                }
                else
                {
                    result.Remove(key);
                }

                break;
            default:
                result[key] = value.DeepClone();
                break;
        }
    }

    private static void ApplyRetainKeys(JsonObject result, JsonObject patch, string path)
    {
        if (!patch.TryGetPropertyValue(PatchDirectives.RetainKeys, out var retain))
        {
            return;
        }

        if (retain is not JsonArray names)
        {
            throw new PatchException($"strategic merge patch: {PatchDirectives.RetainKeys} at {PatchDirectives.Describe(path)} must be a list of field names");
        }

        var keep = names.OfType<JsonValue>()
            .Select(name => name.TryGetValue<string>(out var text) ? text : null)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        foreach (var (key, value) in patch)
        {
            if (value is not null && !key.StartsWith('$') && !keep.Contains(key))
            {
                throw new PatchException($"strategic merge patch: field \"{key}\" at {PatchDirectives.Describe(path)} is set by the patch but not listed in {PatchDirectives.RetainKeys}");
            }
        }

        foreach (var key in result.Select(member => member.Key).Where(key => !keep.Contains(key)).ToList())
        {
            result.Remove(key);
        }
    }

    private static void DeleteFromPrimitiveList(JsonObject result, string field, JsonNode? values, string path)
    {
        if (values is not JsonArray toDelete)
        {
            throw new PatchException($"strategic merge patch: {PatchDirectives.DeleteFromPrimitiveListPrefix}{field} at {PatchDirectives.Describe(path)} must be a list");
        }

        // Go skips the directive when the field is missing or not a list: there is nothing to delete from.
        if (result[field] is JsonArray list)
        {
            var kept = StrategicListMerge.Detach(list).Where(item => !toDelete.Any(value => JsonNode.DeepEquals(item, value)));
            result[field] = new JsonArray(kept.ToArray());
        }
    }
}
