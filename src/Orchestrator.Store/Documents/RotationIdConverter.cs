using System.Text.Json;
using System.Text.Json.Serialization;
using Orchestrator.Core.Rotations;

namespace Orchestrator.Store.Documents;

/// <summary>A rotation id as the plain string it is stored as; stored text that is not a rotation id is damage.</summary>
internal sealed class RotationIdConverter : JsonConverter<RotationId>
{
    public static RotationId FromStored(string? text) =>
        RotationId.TryParse(text, out var id) ? id : throw new JsonException($"'{text}' is not a rotation id");

    public override RotationId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => FromStored(reader.GetString());

    public override void Write(Utf8JsonWriter writer, RotationId value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStringValue(value.ToString());
    }
}
