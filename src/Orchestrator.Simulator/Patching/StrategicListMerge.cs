using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Simulator.Patching;

/// <summary>Merging one list field of a strategic merge patch (Go's mergeSlice and its helpers).</summary>
internal static class StrategicListMerge
{
    /// <summary>
    /// Merges <paramref name="patch"/> into <paramref name="original"/> (handed over, emptied) and returns a
    /// new list.
    /// </summary>
    public static JsonArray Merge(JsonArray? original, JsonArray patch, PatchListStrategy strategy, string path, string field)
    {
        if (!strategy.Merge)
        {
            return ReplaceList(patch, path, field);
        }

        var items = Detach(original);
        if (items.Count == 0 && patch.Count == 0)
        {
            return [];
        }

        var kind = ElementKind(items, patch, path);
        if (kind != JsonValueKind.Object)
        {
            return MergePrimitives(items, patch);
        }

        if (strategy.MergeKey is not { } mergeKey)
        {
            throw new PatchException($"strategic merge patch: cannot merge the objects of list \"{path}\" without a merge key");
        }

        return MergeObjects(items, patch, mergeKey, path, field);
    }

    /// <summary>Empties <paramref name="list"/> so its elements can move into another list.</summary>
    public static List<JsonNode?> Detach(JsonArray? list)
    {
        if (list is null)
        {
            return [];
        }

        var items = list.ToList();
        list.Clear();
        return items;
    }

    /// <summary>What identifies an element: its merge key value, or the element itself for primitives.</summary>
    public static JsonNode? Identity(JsonNode? item, string? mergeKey) =>
        mergeKey is null ? item : item is JsonObject obj ? obj[mergeKey] : null;

    // A list without merge strategy is the patch's list; elements carrying $patch are dropped as Go's
    // removeDirectives does, so a stray {"$patch": "replace"} cannot end up as an empty element.
    private static JsonArray ReplaceList(JsonArray patch, string path, string field)
    {
        var result = new JsonArray();
        foreach (var element in patch)
        {
            if (PatchDirectives.PatchOf(element) is not null)
            {
                continue;
            }

            result.Add(element is JsonObject obj ? StrategicMergePatch.MergeMap(null, obj, path, field) : element?.DeepClone());
        }

        return result;
    }

    private static JsonArray MergePrimitives(List<JsonNode?> original, JsonArray patch)
    {
        var merged = new List<JsonNode?>();
        foreach (var item in original.Concat(patch.Select(element => element?.DeepClone())))
        {
            if (!merged.Any(existing => JsonNode.DeepEquals(existing, item)))
            {
                merged.Add(item);
            }
        }

        var patchOrder = patch.ToList();
        var (patchItems, serverOnly) = StrategicListOrder.Partition(merged, patchOrder, mergeKey: null);
        return [.. StrategicListOrder.Normalize(patchItems, serverOnly, patchOrder, original, mergeKey: null)];
    }

    private static JsonArray MergeObjects(List<JsonNode?> original, JsonArray patch, string mergeKey, string path, string field)
    {
        var plain = new List<JsonObject>();
        var replace = false;
        foreach (var element in patch.OfType<JsonObject>())
        {
            switch (PatchDirectives.PatchOf(element))
            {
                case null:
                    plain.Add(element);
                    break;
                case PatchDirectives.Delete:
                    var key = RequireMergeKey(element, mergeKey, path);
                    original.RemoveAll(item => HasKey(item, mergeKey, key));
                    break;
                case PatchDirectives.Replace:
                    replace = true;
                    break;
                case PatchDirectives.Merge:
                    throw new PatchException($"strategic merge patch: \"$patch: merge\" in list \"{path}\" is not supported (merging lists cannot yet be specified in the patch)");
                case var unknown:
                    throw new PatchException($"strategic merge patch: unknown patch type \"{unknown}\" in an element of list \"{path}\"");
            }
        }

        // "$patch: replace" as an element: the other elements of the patch are the whole list.
        if (replace)
        {
            return [.. plain.Select(element => StrategicMergePatch.MergeMap(null, element, path, field))];
        }

        var serverOrder = original.Select(item => Identity(item, mergeKey)?.DeepClone()).ToList();
        var patchOrder = new List<JsonNode?>();
        foreach (var element in plain)
        {
            var key = RequireMergeKey(element, mergeKey, path);
            patchOrder.Add(key?.DeepClone());
            var index = original.FindIndex(item => HasKey(item, mergeKey, key));
            if (index >= 0)
            {
                original[index] = StrategicMergePatch.MergeMap((JsonObject)original[index]!, element, path, field);
            }
            else
            {
                original.Add(StrategicMergePatch.MergeMap(null, element, path, field));
            }
        }

        var (patchItems, serverOnly) = StrategicListOrder.Partition(original, patchOrder, mergeKey);
        return [.. StrategicListOrder.Normalize(patchItems, serverOnly, patchOrder, serverOrder, mergeKey)];
    }

    private static JsonNode? RequireMergeKey(JsonObject element, string mergeKey, string path) =>
        element.TryGetPropertyValue(mergeKey, out var key)
            ? key
            : throw new PatchException($"strategic merge patch: an element of list \"{path}\" does not contain the merge key \"{mergeKey}\": {element.ToJsonString()}");

    private static bool HasKey(JsonNode? item, string mergeKey, JsonNode? key) =>
        item is JsonObject obj && obj.TryGetPropertyValue(mergeKey, out var value) && JsonNode.DeepEquals(value, key);

    // Go compares reflect types: all elements of both lists must be of one JSON type, and not lists.
    private static JsonValueKind ElementKind(List<JsonNode?> original, JsonArray patch, string path)
    {
        JsonValueKind? kind = null;
        foreach (var element in original.Concat(patch))
        {
            var current = element?.GetValueKind() ?? JsonValueKind.Null;
            current = current == JsonValueKind.False ? JsonValueKind.True : current;
            if (current == JsonValueKind.Array)
            {
                throw new PatchException($"strategic merge patch: list \"{path}\" contains lists, which are not supported");
            }

            if (kind is not null && kind != current)
            {
                throw new PatchException($"strategic merge patch: the elements of list \"{path}\" are not all of one JSON type");
            }

            kind = current;
        }

        return kind ?? JsonValueKind.Undefined;
    }
}
