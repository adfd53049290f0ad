using System.Text.Json.Nodes;

namespace Orchestrator.Simulator.Patching;

/// <summary>The <c>$</c>-keys of a strategic merge patch; none of them ever reaches a stored object.</summary>
internal static class PatchDirectives
{
    public const string Patch = "$patch";
    public const string RetainKeys = "$retainKeys";
    public const string SetElementOrderPrefix = "$setElementOrder/";
    public const string DeleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList/";

    public const string Replace = "replace";
    public const string Delete = "delete";
    public const string Merge = "merge";

    /// <summary>The <c>$patch</c> value of <paramref name="node"/>, or null when it has none.</summary>
    /// <remarks>A non-string value comes back as its JSON text, so callers reject it as an unknown patch type.</remarks>
    public static string? PatchOf(JsonNode? node) =>
        node is JsonObject obj && obj.TryGetPropertyValue(Patch, out var value)
            ? value is JsonValue text && text.TryGetValue<string>(out var directive) ? directive : value?.ToJsonString() ?? "null"
            : null;

    public static string Describe(string path) => path.Length == 0 ? "the top level" : $"\"{path}\"";

    public static string Child(string path, string field) => path.Length == 0 ? field : path + "." + field;
}
