using System.Globalization;
using System.Text.Json;
using LiteDB;

namespace Orchestrator.Store.Documents;

/// <summary>
/// System.Text.Json output as a native BSON document and back. Done by hand rather than through LiteDB's own JSON
/// reader and writer, which write 64-bit integers as <c>{"$numberLong": ...}</c> objects that no plain JSON
/// deserializer reads back.
/// </summary>
internal static class BsonJson
{
    public static BsonDocument ToDocument(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object
            ? (BsonDocument)ToValue(element)
            : throw new JsonException($"a document must be a JSON object, not {element.ValueKind}");

    public static BsonValue ToValue(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => ToBsonDocument(element),
        JsonValueKind.Array => new BsonArray(element.EnumerateArray().Select(ToValue)),
        JsonValueKind.String => new BsonValue(element.GetString()),
        JsonValueKind.Number when element.TryGetInt32(out var small) => new BsonValue(small),
        JsonValueKind.Number when element.TryGetInt64(out var large) => new BsonValue(large),
        JsonValueKind.Number => new BsonValue(element.GetDouble()),
        JsonValueKind.True => new BsonValue(true),
        JsonValueKind.False => new BsonValue(false),
        _ => BsonValue.Null,
    };

    /// <summary>The value as UTF-8 JSON, ready for <see cref="JsonSerializer"/>.</summary>
    public static byte[] ToUtf8Json(BsonValue value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, value);
        }

        return buffer.ToArray();
    }

    private static BsonDocument ToBsonDocument(JsonElement element)
    {
        var document = new BsonDocument();
        foreach (var property in element.EnumerateObject())
        {
            document[property.Name] = ToValue(property.Value);
        }

        return document;
    }

    private static void Write(Utf8JsonWriter writer, BsonValue value)
    {
        switch (value.Type)
        {
            case BsonType.Document:
                writer.WriteStartObject();
                foreach (var (name, field) in value.AsDocument)
                {
                    writer.WritePropertyName(name);
                    Write(writer, field);
                }

                writer.WriteEndObject();
                break;
            case BsonType.Array:
                writer.WriteStartArray();
                foreach (var item in value.AsArray)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case BsonType.String:
                writer.WriteStringValue(value.AsString);
                break;
            case BsonType.Int32:
                writer.WriteNumberValue(value.AsInt32);
                break;
            case BsonType.Int64:
                writer.WriteNumberValue(value.AsInt64);
                break;
            case BsonType.Double:
                writer.WriteNumberValue(value.AsDouble);
                break;
            case BsonType.Decimal:
                writer.WriteNumberValue(value.AsDecimal);
                break;
            case BsonType.Boolean:
                writer.WriteBooleanValue(value.AsBoolean);
                break;
            case BsonType.Null:
                writer.WriteNullValue();
                break;
            case BsonType.DateTime:
                writer.WriteStringValue(value.AsDateTime.ToString("O", CultureInfo.InvariantCulture));
                break;
            default:
                throw new JsonException($"unexpected BSON value of type {value.Type} in a rotation document");
        }
    }
}
