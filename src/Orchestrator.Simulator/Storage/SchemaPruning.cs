using System.Text.Json.Nodes;

namespace Orchestrator.Simulator.Storage;

/// <summary>
/// Structural-schema pruning as the API server does it when it decodes a custom resource: a field the schema does
/// not name is dropped, unless the schema there says <c>x-kubernetes-preserve-unknown-fields</c>.
/// </summary>
internal static class SchemaPruning
{
    /// <summary>Prunes the top level of an object (all but apiVersion, kind and metadata) against the root schema.</summary>
    public static void PruneRoot(JsonObject content, JsonObject? schema)
    {
        if (schema is not null)
        {
            PruneObject(content, schema);
        }
    }

    private static void Prune(JsonNode? value, JsonObject? schema)
    {
        if (schema is null)
        {
            return;
        }

        switch (value)
        {
            case JsonObject map:
                PruneObject(map, schema);
                break;
            case JsonArray list when schema["items"] is JsonObject items:
                foreach (var item in list)
                {
                    Prune(item, items);
                }

                break;
        }
    }

    private static void PruneObject(JsonObject map, JsonObject schema)
    {
        var preserve = schema["x-kubernetes-preserve-unknown-fields"] is JsonValue flag && flag.TryGetValue<bool>(out var kept) && kept;
        var properties = schema["properties"] as JsonObject;
        var additional = schema["additionalProperties"] as JsonObject;
        foreach (var name in map.Select(entry => entry.Key).ToList())
        {
            if (properties?[name] is JsonObject property)
            {
                Prune(map[name], property);
            }
            else if (additional is not null)
            {
                Prune(map[name], additional);
            }
            else if (!preserve && schema["additionalProperties"] is not JsonValue)
            {
                map.Remove(name);
            }
        }
    }
}
