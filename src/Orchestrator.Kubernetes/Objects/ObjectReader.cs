using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using k8s;
using k8s.Models;
using Orchestrator.Kubernetes.Observation;

namespace Orchestrator.Kubernetes.Objects;

/// <summary>
/// Reads list and watch bodies as they stream in, each object into its kind's few fields and then into the status a
/// rotation keeps of it: a region of thousands of pods costs no model of every field of every pod.
/// </summary>
internal static class ObjectReader
{
    /// <exception cref="JsonException">The body is not a list, or an item has no name.</exception>
    public static async Task<ListResult<TStatus>> ReadListAsync<TObject, TStatus>(
        Stream body, Func<string, TObject, TStatus> map, CancellationToken cancellationToken)
        where TObject : class, IObjectJson
    {
        var list = await JsonSerializer.DeserializeAsync(body, TypeInfo<ListJson<TObject>>(), cancellationToken)
            ?? throw new JsonException("a list that is null");
        var items = (list.Items ?? []).Select(item => Named(item, map)).ToList();
        return new ListResult<TStatus>(items, list.Metadata?.ResourceVersion ?? throw new JsonException("a list without metadata.resourceVersion"));
    }

    /// <summary>
    /// Reads a watch, one event per line, each handed over as soon as its newline is in, until the server ends it.
    /// An error event (a Status: 410 Expired, say) ends it with the client's <see cref="KubernetesException"/>, an
    /// event that cannot be read with a <see cref="JsonException"/>: nothing after either can be used.
    /// </summary>
    /// <remarks>
    /// Not the serializer's sequence of top-level values: when a value arrives in several reads, it waits for a full
    /// buffer, or twice what it holds, before it reads on, and a quiet watch would keep its last event for minutes.
    /// </remarks>
    public static async IAsyncEnumerable<WatchChange<TStatus>> ReadWatchAsync<TObject, TStatus>(
        Stream body, Func<string, TObject, TStatus> map, [EnumeratorCancellation] CancellationToken cancellationToken)
        where TObject : class, IObjectJson
    {
        var item = TypeInfo<TObject>();
        var lines = PipeReader.Create(body, new StreamPipeReaderOptions(leaveOpen: true));
        try
        {
            while (true)
            {
                var read = await lines.ReadAsync(cancellationToken);
                var unread = read.Buffer;
                while (NextLine(ref unread, read.IsCompleted) is { } line)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (Event(line) is { } known)
                    {
                        yield return Change(known, item, map);
                    }
                }

                lines.AdvanceTo(unread.Start, unread.End);
                if (read.IsCompleted)
                {
                    yield break;
                }
            }
        }
        finally
        {
            await lines.CompleteAsync();
        }
    }

    /// <summary>The next whole line of what is unread, or at the body's end what is left; null when there is none.</summary>
    private static ReadOnlySequence<byte>? NextLine(ref ReadOnlySequence<byte> unread, bool ended)
    {
        if (unread.PositionOf((byte)'\n') is { } newline)
        {
            var line = unread.Slice(0, newline);
            unread = unread.Slice(unread.GetPosition(1, newline));
            return line;
        }

        if (ended && !unread.IsEmpty)
        {
            var rest = unread;
            unread = unread.Slice(unread.End);
            return rest;
        }

        return null;
    }

    /// <summary>The event on one line; null for a blank line.</summary>
    private static WatchEventJson? Event(ReadOnlySequence<byte> line)
    {
        var blank = true;
        foreach (var segment in line)
        {
            blank &= segment.Span.IndexOfAnyExcept(" \t\r"u8) < 0;
        }

        if (blank)
        {
            return null;
        }

        var reader = new Utf8JsonReader(line);
        var read = JsonSerializer.Deserialize(ref reader, ObjectsJson.Default.WatchEventJson) ?? throw new JsonException("a watch event that is null");
        return reader.Read() ? throw new JsonException("more than one value on a watch line") : read;
    }

    private static WatchChange<TStatus> Change<TObject, TStatus>(WatchEventJson line, JsonTypeInfo<TObject> item, Func<string, TObject, TStatus> map)
        where TObject : class, IObjectJson
    {
        var type = line.Type switch
        {
            "ADDED" => WatchEventType.Added,
            "MODIFIED" => WatchEventType.Modified,
            "DELETED" => WatchEventType.Deleted,
            "BOOKMARK" => WatchEventType.Bookmark,
            "ERROR" => WatchEventType.Error,
            null => throw new JsonException("a watch event without a type"),
            _ => throw new JsonException($"unknown watch event type \"{line.Type}\""),
        };
        if (line.Object.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("a watch event without an object");
        }

        // As the client's own watch tells them apart: by the object's kind.
        if (line.Object.TryGetProperty("kind"u8, out var kind) && kind.ValueKind == JsonValueKind.String && kind.ValueEquals("Status"u8))
        {
            var error = line.Object.Deserialize(ObjectsJson.Default.StatusJson)!;
            throw new KubernetesException(new V1Status { Code = error.Code, Reason = error.Reason, Message = error.Message });
        }

        var read = line.Object.Deserialize(item)!;
        if (type is not (WatchEventType.Added or WatchEventType.Modified or WatchEventType.Deleted))
        {
            return new WatchChange<TStatus>(type, read.Metadata?.Name, read.Metadata?.ResourceVersion, default);
        }

        var (name, status) = Named(read, map);
        return new WatchChange<TStatus>(type, name, read.Metadata?.ResourceVersion, status);
    }

    private static (string Name, TStatus Status) Named<TObject, TStatus>(TObject? item, Func<string, TObject, TStatus> map)
        where TObject : class, IObjectJson
    {
        var name = item?.Metadata?.Name ?? throw new JsonException($"a {typeof(TObject).Name} without metadata.name");
        return (name, map(name, item));
    }

    private static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)ObjectsJson.Default.GetTypeInfo(typeof(T))!;
}
