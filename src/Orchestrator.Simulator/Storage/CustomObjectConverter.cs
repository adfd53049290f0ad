using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s.Models;

namespace Orchestrator.Simulator.Storage;

/// <summary>Reads and writes a custom object as one flat JSON object: apiVersion, kind, metadata, then the rest.</summary>
internal sealed class CustomObjectConverter : JsonConverter<CustomObject>
{
    public override CustomObject Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var content = JsonNode.Parse(ref reader) as JsonObject ?? throw new JsonException("a custom resource must be a JSON object");
        var value = new CustomObject
        {
            ApiVersion = Text(content, "apiVersion"),
            Kind = Text(content, "kind"),
            Metadata = content["metadata"] is JsonObject metadata ? metadata.Deserialize<V1ObjectMeta>(options) ?? new() : new(),
        };
        content.Remove("apiVersion");
        content.Remove("kind");
        content.Remove("metadata");
        value.Content = content;
        return value;
    }

    public override void Write(Utf8JsonWriter writer, CustomObject value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("apiVersion", value.ApiVersion);
        writer.WriteString("kind", value.Kind);
        writer.WritePropertyName("metadata");
        JsonSerializer.Serialize(writer, value.Metadata, options);
        foreach (var (name, field) in value.Content)
        {
            writer.WritePropertyName(name);
            if (field is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                field.WriteTo(writer, options);
            }
        }

        writer.WriteEndObject();
    }

    private static string Text(JsonObject content, string name) =>
        content[name] is JsonValue text && text.TryGetValue<string>(out var value) ? value : string.Empty;
}
