using System.Text.Json;

namespace Orchestrator.Kubernetes.Objects;

/// <summary>
/// Reads a list response (<c>{"metadata":{"resourceVersion":...},"items":[...]}</c>) as it arrives, each item made
/// into its status as soon as its JSON is complete: a list of thousands of pods costs a buffer of a few items, not
/// the megabytes of the body nor a model of every pod.
/// </summary>
internal sealed class ListJson<TStatus>
{
    private readonly Func<ObjectFields, TStatus> _map;
    private readonly List<(string Name, TStatus Status)> _items = [];
    private JsonReaderState _state;
    private Stage _stage;
    private string? _version;

    private ListJson(Func<ObjectFields, TStatus> map) => _map = map;

    private enum Stage
    {
        Start,
        Properties,
        Items,
        Done,
    }

    /// <exception cref="JsonException">The body is not a list, or an item lacks what a rotation reads.</exception>
    public static async Task<(IReadOnlyList<(string Name, TStatus Status)> Items, string Version)> ReadAsync(
        Stream stream, Func<ObjectFields, TStatus> map, CancellationToken cancellationToken)
    {
        var list = new ListJson<TStatus>(map);
        using var buffer = new JsonBuffer(stream);
        while (!list.Advance(buffer))
        {
            if (!await buffer.FillAsync(cancellationToken))
            {
                throw new JsonException("the list ended before its closing brace");
            }
        }

        return (list._items, list._version ?? throw new JsonException("a list without metadata.resourceVersion"));
    }

    /// <summary>Reads every whole value the buffer holds; true once the list has ended.</summary>
    private bool Advance(JsonBuffer buffer)
    {
        var reader = new Utf8JsonReader(buffer.Unread.Span, isFinalBlock: false, _state);
        while (_stage != Stage.Done)
        {
            // Each step works on a copy, kept only if the step had all the bytes it needed.
            var attempt = reader;
            if (!Step(ref attempt))
            {
                break;
            }

            reader = attempt;
        }

        buffer.Consume((int)reader.BytesConsumed);
        _state = reader.CurrentState;
        return _stage == Stage.Done;
    }

    private bool Step(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            return false;
        }

        switch (_stage)
        {
            case Stage.Start:
                Expect(ref reader, JsonTokenType.StartObject);
                _stage = Stage.Properties;
                return true;
            case Stage.Properties when reader.TokenType == JsonTokenType.EndObject:
                _stage = Stage.Done;
                return true;
            case Stage.Properties:
                return Property(ref reader);
            case Stage.Items when reader.TokenType == JsonTokenType.EndArray:
                _stage = Stage.Properties;
                return true;
            default:
                return Item(ref reader);
        }
    }

    private bool Property(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.PropertyName);
        var items = reader.ValueTextEquals("items"u8);
        var metadata = !items && reader.ValueTextEquals("metadata"u8);
        if (!reader.Read())
        {
            return false;
        }

        if (items && reader.TokenType == JsonTokenType.StartArray)
        {
            _stage = Stage.Items;
            return true;
        }

        var value = reader;
        if (!reader.TrySkip())
        {
            return false;
        }

        if (metadata && value.TokenType == JsonTokenType.StartObject)
        {
            _version = ObjectJson.ReadMetadata(ref value).ResourceVersion;
        }

        return true;
    }

    private bool Item(ref Utf8JsonReader reader)
    {
        var item = reader;
        if (!reader.TrySkip())
        {
            return false;
        }

        var fields = ObjectJson.Read(ref item);
        _items.Add((fields.Name ?? throw new JsonException("a list item without metadata.name"), _map(fields)));
        return true;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (reader.TokenType != type)
        {
            throw new JsonException($"expected {type} in a list, found {reader.TokenType}");
        }
    }
}
