using System.Text.Json.Nodes;

namespace Orchestrator.Simulator.Patching;

/// <summary>
/// The element order of a merged list, as Go's normalizeElementOrder and mergeSortedSlice define it:
/// patch elements keep the patch's order, elements only the server has keep the server's order, and the
/// two are interleaved by the server's order where both are known to it.
/// </summary>
/// <remarks>
/// One consequence, faithful to Kubernetes: an element the server did not have goes before the server's
/// elements unless a <c>$setElementOrder</c> list says otherwise (kubectl always sends one).
/// </remarks>
internal static class StrategicListOrder
{
    /// <summary>Splits <paramref name="items"/> into those whose identity is in <paramref name="by"/> and the rest.</summary>
    public static (List<JsonNode?> InList, List<JsonNode?> NotInList) Partition(
        IEnumerable<JsonNode?> items, IReadOnlyList<JsonNode?> by, string? mergeKey)
    {
        var inList = new List<JsonNode?>();
        var notInList = new List<JsonNode?>();
        foreach (var item in items)
        {
            (IndexOf(by, StrategicListMerge.Identity(item, mergeKey)) >= 0 ? inList : notInList).Add(item);
        }

        return (inList, notInList);
    }

    /// <param name="patchOrder">Identities (merge key values, or primitives) in the order the patch wants.</param>
    /// <param name="serverOrder">Identities in the order the server had them.</param>
    public static List<JsonNode?> Normalize(
        List<JsonNode?> patchItems,
        List<JsonNode?> serverOnly,
        IReadOnlyList<JsonNode?> patchOrder,
        IReadOnlyList<JsonNode?> serverOrder,
        string? mergeKey)
    {
        var right = SortBy(patchItems, patchOrder, mergeKey);
        var left = SortBy(serverOnly, serverOrder, mergeKey);
        var result = new List<JsonNode?>(left.Count + right.Count);
        int i = 0, j = 0;
        while (i < left.Count || j < right.Count)
        {
            if (j >= right.Count)
            {
                result.Add(left[i++]);
            }
            else if (i >= left.Count)
            {
                result.Add(right[j++]);
            }
            else
            {
                // A server-only element goes first only when the server knew both and had it first.
                var leftIndex = IndexOf(serverOrder, StrategicListMerge.Identity(left[i], mergeKey));
                var rightIndex = IndexOf(serverOrder, StrategicListMerge.Identity(right[j], mergeKey));
                result.Add(leftIndex >= 0 && rightIndex >= 0 && leftIndex < rightIndex ? left[i++] : right[j++]);
            }
        }

        return result;
    }

    private static List<JsonNode?> SortBy(List<JsonNode?> items, IReadOnlyList<JsonNode?> order, string? mergeKey) =>
        items.Select((item, position) => (Item: item, Rank: IndexOf(order, StrategicListMerge.Identity(item, mergeKey)), Position: position))
            .OrderBy(entry => entry.Rank < 0 ? int.MaxValue : entry.Rank)
            .ThenBy(entry => entry.Position)
            .Select(entry => entry.Item)
            .ToList();

    private static int IndexOf(IReadOnlyList<JsonNode?> identities, JsonNode? identity)
    {
        for (var i = 0; i < identities.Count; i++)
        {
            if (JsonNode.DeepEquals(identities[i], identity))
            {
                return i;
            }
        }

        return -1;
    }
}
