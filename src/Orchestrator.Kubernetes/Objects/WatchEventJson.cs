using System.Text.Json;
using k8s;

namespace Orchestrator.Kubernetes.Objects;

/// <summary>Reads one line of a watch stream: <c>{"type":"MODIFIED","object":{...}}</c>, the object as <see cref="ObjectFields"/>.</summary>
internal static class WatchEventJson
{
    /// <exception cref="JsonException">Not a watch event: no known type, or no object.</exception>
    public static (WatchEventType Type, ObjectFields Object) Read(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line, isFinalBlock: true, state: default);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"a watch event is an object, not {reader.TokenType}");
        }

        WatchEventType? type = null;
        ObjectFields? item = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                type = Type(ref reader);
            }
            else if (reader.ValueTextEquals("object"u8))
            {
                reader.Read();
                item = reader.TokenType == JsonTokenType.Null ? null : ObjectJson.Read(ref reader);
            }
            else
            {
                reader.Read();
                if (!reader.TrySkip())
                {
                    throw new JsonException("a watch event that ends early");
                }
            }
        }

        return (
            type ?? throw new JsonException("a watch event without a type"),
            item ?? throw new JsonException("a watch event without an object"));
    }

    private static WatchEventType Type(ref Utf8JsonReader reader) =>
        reader.TokenType != JsonTokenType.String ? throw new JsonException($"a watch event's type is a string, not {reader.TokenType}")
        : reader.ValueTextEquals("ADDED"u8) ? WatchEventType.Added
        : reader.ValueTextEquals("MODIFIED"u8) ? WatchEventType.Modified
        : reader.ValueTextEquals("DELETED"u8) ? WatchEventType.Deleted
        : reader.ValueTextEquals("BOOKMARK"u8) ? WatchEventType.Bookmark
        : reader.ValueTextEquals("ERROR"u8) ? WatchEventType.Error
        : throw new JsonException($"unknown watch event type \"{reader.GetString()}\"");
}
