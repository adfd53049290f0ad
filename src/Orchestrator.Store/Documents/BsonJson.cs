using System.Globalization;
using System.Text.Json;
using LiteDB;

namespace Orchestrator.Store.Documents;

/// <summary>
/// A stored document as plain JSON for System.Text.Json. LiteDB's own JSON reader makes the documents (see
/// <see cref="DocumentSerializer"/>), but its writer puts 64-bit integers in <c>{"$numberLong": ...}</c> objects
/// that no plain JSON deserializer reads back, so this direction is written here.
/// </summary>
internal static class BsonJson
{
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
