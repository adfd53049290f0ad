using System.Text.Json.Nodes;

namespace Orchestrator.Simulator.Patching;

/// <summary>
/// <c>$setElementOrder/&lt;field&gt;</c> (Go's mergePatchIntoOriginal): merges the list named by the directive
/// and puts its elements in the directive's order, server-only elements interleaved by their old places.
/// </summary>
internal static class StrategicElementOrder
{
    /// <summary>Orders (and merges) every list with a directive; returns the fields it has dealt with.</summary>
    public static HashSet<string> Apply(JsonObject result, JsonObject patch, string path, string parent)
    {
        var handled = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in patch)
        {
            if (!key.StartsWith(PatchDirectives.SetElementOrderPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var field = key[PatchDirectives.SetElementOrderPrefix.Length..];
            var fieldPath = PatchDirectives.Child(path, field);
            if (value is not JsonArray order)
            {
                throw new PatchException($"strategic merge patch: {key} at {PatchDirectives.Describe(path)} must be a list");
            }

            var originalList = ListOrNull(result, field, fieldPath, "object");
            var patchList = ListOrNull(patch, field, fieldPath, "patch");

            // A null for the field deletes it; the ordinary merge does that.
            if ((patch.ContainsKey(field) && patchList is null) || (originalList is null && patchList is null))
            {
                continue;
            }

            var strategy = StrategicPatchSchema.ListStrategy(parent, field);
            var mergeKey = strategy.MergeKey;
            Validate(patchList, order, mergeKey, fieldPath, key);

            var serverOrder = (originalList ?? []).Select(item => StrategicListMerge.Identity(item, mergeKey)?.DeepClone()).ToList();
            var merged = patchList is null
                ? StrategicListMerge.Detach(originalList)
                : StrategicListMerge.Detach(StrategicListMerge.Merge(originalList, patchList, strategy, fieldPath, field));

            var orderIdentities = order.Select(item => StrategicListMerge.Identity(item, mergeKey)).ToList();
            var (patchItems, serverOnly) = StrategicListOrder.Partition(merged, orderIdentities, mergeKey);
            result[field] = new JsonArray([.. StrategicListOrder.Normalize(patchItems, serverOnly, orderIdentities, serverOrder, mergeKey)]);
            handled.Add(field);
        }

        return handled;
    }

    private static JsonArray? ListOrNull(JsonObject holder, string field, string fieldPath, string what) =>
        holder[field] switch
        {
            null => null,
            JsonArray list => list,
            _ => throw new PatchException($"strategic merge patch: {PatchDirectives.SetElementOrderPrefix}{field} names \"{fieldPath}\", which is not a list in the {what}"),
        };

    // Go's validatePatchWithSetOrderList: the patch's elements must appear in the directive, in its order.
    private static void Validate(JsonArray? patchList, JsonArray order, string? mergeKey, string fieldPath, string directive)
    {
        if (patchList is null || patchList.Count == 0 || order.Count == 0)
        {
            return;
        }

        var elements = patchList.Where(element => PatchDirectives.PatchOf(element) is null).ToList();
        int patchIndex = 0, orderIndex = 0;
        while (patchIndex < elements.Count && orderIndex < order.Count)
        {
            var same = JsonNode.DeepEquals(
                StrategicListMerge.Identity(elements[patchIndex], mergeKey),
                StrategicListMerge.Identity(order[orderIndex], mergeKey));
            if (same)
            {
                patchIndex++;
            }

            orderIndex++;
        }

        if (patchIndex < elements.Count)
        {
            throw new PatchException($"strategic merge patch: the order of list \"{fieldPath}\" in the patch doesn't match {directive}");
        }
    }
}
