using System.Text.Json.Nodes;

namespace Orchestrator.Simulator.Patching;

/// <summary>JSON Patch, RFC 6902 (<c>application/json-patch+json</c>).</summary>
internal static class JsonPatch
{
    /// <summary>
    /// Applies the operations in order to a copy of <paramref name="target"/>; the first failing operation
    /// throws and nothing of the patch is applied.
    /// </summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode patch)
    {
        if (patch is not JsonArray operations)
        {
            throw new PatchException("json patch: the patch must be a JSON array of operations");
        }

        var document = target?.DeepClone();
        for (var i = 0; i < operations.Count; i++)
        {
            if (operations[i] is not JsonObject operation)
            {
                throw new PatchException($"json patch: operation {i} is not a JSON object");
            }

            document = ApplyOperation(document, operation, i);
        }

        return document;
    }

    private static JsonNode? ApplyOperation(JsonNode? document, JsonObject operation, int number)
    {
        var op = RequiredString(operation, "op", number);
        var path = JsonPointer.Parse(RequiredString(operation, "path", number));
        switch (op)
        {
            case "add":
                return Add(document, path, RequiredValue(operation, number));
            case "remove":
                return Remove(document, path, out _);
            case "replace":
                return Replace(document, path, RequiredValue(operation, number));
            case "move":
                var from = JsonPointer.Parse(RequiredString(operation, "from", number));
                if (from.IsProperPrefixOf(path))
                {
                    throw new PatchException($"json patch: cannot move \"{from}\" into its own child \"{path}\"");
                }

                document = Remove(document, from, out var moved);
                return Add(document, path, moved);
            case "copy":
                var source = JsonPointer.Parse(RequiredString(operation, "from", number));
                return Add(document, path, Resolve(document, source)?.DeepClone());
            case "test":
                var expected = RequiredValue(operation, number);
                if (!JsonNode.DeepEquals(Resolve(document, path), expected))
                {
                    throw new PatchException($"json patch: test failed: the value at path \"{path}\" is not {expected?.ToJsonString() ?? "null"}");
                }

                return document;
            default:
                throw new PatchException($"json patch: operation {number} has unknown op \"{op}\"");
        }
    }

    private static JsonNode? Add(JsonNode? document, JsonPointer path, JsonNode? value)
    {
        if (path.IsRoot)
        {
            return value;
        }

        switch (Resolve(document, path.Parent))
        {
            case JsonObject obj:
                obj[path.LastToken] = value;
                break;
            case JsonArray array when path.LastToken == "-":
                array.Add(value);
                break;
            case JsonArray array:
                array.Insert(Index(array, path, allowEnd: true), value);
                break;
            default:
                throw new PatchException($"json patch: cannot add \"{path}\": \"{path.Parent}\" is neither an object nor an array");
        }

        return document;
    }

    private static JsonNode? Remove(JsonNode? document, JsonPointer path, out JsonNode? removed)
    {
        if (path.IsRoot)
        {
            throw new PatchException("json patch: cannot remove the whole document (path \"\")");
        }

        switch (Resolve(document, path.Parent))
        {
            case JsonObject obj when obj.TryGetPropertyValue(path.LastToken, out removed):
                obj.Remove(path.LastToken);
                return document;
            case JsonArray array:
                var index = Index(array, path, allowEnd: false);
                removed = array[index];
                array.RemoveAt(index);
                return document;
            default:
                throw NotFound(path);
        }
    }

    private static JsonNode? Replace(JsonNode? document, JsonPointer path, JsonNode? value)
    {
        if (path.IsRoot)
        {
            return value;
        }

        switch (Resolve(document, path.Parent))
        {
            case JsonObject obj when obj.ContainsKey(path.LastToken):
                obj[path.LastToken] = value;
                return document;
            case JsonArray array:
                array[Index(array, path, allowEnd: false)] = value;
                return document;
            default:
                throw NotFound(path);
        }
    }

    private static PatchException NotFound(JsonPointer path) => new($"json patch: path \"{path}\" not found");

    private static JsonNode? Resolve(JsonNode? document, JsonPointer path) =>
        path.TryResolve(document, out var value)
            ? value
            : throw NotFound(path);

    private static int Index(JsonArray array, JsonPointer path, bool allowEnd)
    {
        if (!JsonPointer.TryParseIndex(path.LastToken, out var index))
        {
            throw new PatchException($"json patch: \"{path.LastToken}\" in path \"{path}\" is not a valid array index");
        }

        var limit = allowEnd ? array.Count : array.Count - 1;
        if (index > limit)
        {
            throw new PatchException($"json patch: index {index} in path \"{path}\" is out of range (array length {array.Count})");
        }

        return index;
    }

    private static string RequiredString(JsonObject operation, string member, int number) =>
        operation[member] is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw new PatchException($"json patch: operation {number} needs a string \"{member}\"");

    // "value" may be JSON null, so presence is what counts, not the node.
    private static JsonNode? RequiredValue(JsonObject operation, int number) =>
        operation.TryGetPropertyValue("value", out var value)
            ? value?.DeepClone()
            : throw new PatchException($"json patch: operation {number} needs a \"value\"");
}
