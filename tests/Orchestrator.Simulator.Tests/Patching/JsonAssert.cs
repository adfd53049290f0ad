using System.Text.Json.Nodes;

namespace Orchestrator.Simulator.Tests.Patching;

internal static class JsonAssert
{
    /// <summary>Same JSON, member order included (it is visible to kubectl and in stored objects).</summary>
    public static void Equal(string expectedJson, JsonNode? actual) =>
        Assert.Equal(Canonical(JsonNode.Parse(expectedJson)), Canonical(actual));

    /// <summary>Same JSON value, member order ignored (RFC 6902 and 7386 results are unordered).</summary>
    public static void Equivalent(string expectedJson, JsonNode? actual)
    {
        var expected = JsonNode.Parse(expectedJson);
        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected {Canonical(expected)} but got {Canonical(actual)}");
    }

    /// <summary>No strategic merge patch directive (a key starting with '$') anywhere in <paramref name="node"/>.</summary>
    public static void NoDirectives(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    Assert.False(key.StartsWith('$'), $"directive {key} left in {obj.ToJsonString()}");
                    NoDirectives(value);
                }

                break;
            case JsonArray array:
                foreach (var element in array)
                {
                    NoDirectives(element);
                }

                break;
        }
    }

    private static string Canonical(JsonNode? node) => node?.ToJsonString() ?? "null";
}
