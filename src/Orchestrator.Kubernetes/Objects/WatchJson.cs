using System.Runtime.CompilerServices;
using System.Text.Json;
using k8s;
using k8s.Models;
using Orchestrator.Kubernetes.Observation;

namespace Orchestrator.Kubernetes.Objects;

/// <summary>Reads a watch stream, one event per line, each object made into its status as its line arrives.</summary>
internal static class WatchJson
{
    /// <summary>
    /// Reads until the stream ends. As with the client's own watches, an error event (a Status) or a line that cannot
    /// be read goes to <paramref name="onError"/> and the stream goes on, until the token (which the callback may
    /// cancel) ends it. A busy stream is read as <paramref name="pacing"/> says.
    /// </summary>
    public static async IAsyncEnumerable<WatchChange<TStatus>> ReadAsync<TStatus>(
        Stream body, Func<ObjectFields, TStatus> map, Action<Exception> onError, WatchPacing pacing, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var lines = new JsonLines(body, pacing);
        while (await lines.NextAsync(cancellationToken) is { } line)
        {
            // Lines already read in may follow an error event: none of them may be used.
            cancellationToken.ThrowIfCancellationRequested();
            WatchChange<TStatus>? change = null;
            try
            {
                change = Change(line.Span, map, onError);
            }
            catch (Exception undecodable) when (undecodable is JsonException or FormatException or InvalidOperationException)
            {
                onError(undecodable);
            }

            if (change is { } known)
            {
                yield return known;
            }
        }
    }

    private static WatchChange<TStatus>? Change<TStatus>(ReadOnlySpan<byte> line, Func<ObjectFields, TStatus> map, Action<Exception> onError)
    {
        var (type, item) = WatchEventJson.Read(line);
        if (item.Kind == "Status")
        {
            onError(new KubernetesException(new V1Status { Code = item.Code, Reason = item.Reason, Message = item.Message }));
            return null;
        }

        var changes = type is WatchEventType.Added or WatchEventType.Modified or WatchEventType.Deleted;
        return new WatchChange<TStatus>(type, item.Name, item.ResourceVersion, changes ? map(item) : default);
    }
}
