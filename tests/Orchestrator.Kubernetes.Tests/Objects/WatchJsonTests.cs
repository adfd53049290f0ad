using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using k8s;
using Orchestrator.Core.Cluster;
using Orchestrator.Kubernetes.Objects;
using Orchestrator.Kubernetes.Observation;
using Orchestrator.Kubernetes.Tests.Support;

namespace Orchestrator.Kubernetes.Tests.Objects;

public sealed class WatchJsonTests
{
    private const string Expired =
        """{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: 5 (120)","reason":"Expired","code":410}}""";

    private const string Bookmark =
        """{"type":"BOOKMARK","object":{"kind":"Pod","apiVersion":"v1","metadata":{"resourceVersion":"200","creationTimestamp":null,"annotations":{"k8s.io/initial-events-end":"true"}},"spec":{"containers":null},"status":{}}}""";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(65536)]
    public async Task ReadAsync_EveryKindOfEvent_InOrder_BookmarksWithVersionOnly(int chunk)
    {
        var body = string.Join('\n', "", Event("ADDED", "p-0", "101", ready: false), Event("MODIFIED", "p-0", "102", ready: true), " ", Bookmark, Event("DELETED", "p-0", "103", ready: true))
            + "\n\r\n" + Event("ADDED", "p-1", "104", ready: true);

        var changes = new List<WatchChange<PodStatus>>();
        await foreach (var change in ReadAsync(body, chunk))
        {
            changes.Add(change);
        }

        Assert.Equal(
            [
                new(WatchEventType.Added, "p-0", "101", Pod("p-0", ready: false)),
                new(WatchEventType.Modified, "p-0", "102", Pod("p-0", ready: true)),
                new(WatchEventType.Bookmark, null, "200", null),
                new(WatchEventType.Deleted, "p-0", "103", Pod("p-0", ready: true)),
                new(WatchEventType.Added, "p-1", "104", Pod("p-1", ready: true)),
            ],
            changes);
    }

    /// <summary>With the whole body read in at once, the event after the error is already in the buffer: it is still not used.</summary>
    [Theory]
    [InlineData(5)]
    [InlineData(65536)]
    public async Task ReadAsync_ErrorEventWithAStatus_EndsTheWatchWithTheClientsException_NothingAfterItIsUsed(int chunk)
    {
        var names = new List<string?>();

        var error = await Assert.ThrowsAsync<KubernetesException>(async () =>
        {
            await foreach (var change in ReadAsync(Event("ADDED", "p-0", "101", ready: true) + "\n" + Expired + "\n" + Event("ADDED", "p-1", "102", ready: true) + "\n", chunk))
            {
                names.Add(change.Name);
            }
        });

        Assert.Equal(410, error.Status.Code);
        Assert.Equal("Expired", error.Status.Reason);
        Assert.Equal("too old resource version: 5 (120)", error.Status.Message);
        Assert.Equal(["p-0"], names);
    }

    [Theory]
    [InlineData("""{"type":"EXPLODED","object":{"kind":"Pod","metadata":{"name":"p-9"}}}""")]
    [InlineData("""not json at all""")]
    [InlineData("""{"type":"ADDED"}""")]
    [InlineData("""{"object":{"kind":"Pod","metadata":{"name":"p-9"}}}""")]
    [InlineData("""{"type":"ADDED","object":{"kind":"Pod","metadata":{"name":"p-9"},"status":{"phase":7}}}""")]
    [InlineData("""{"type":"ADDED","object":{"kind":"Pod","metadata":{"uid":"no-name"}}}""")]
    [InlineData("""{"type":"ADDED","object":{"kind":"Pod","metadata":{"name":"p-9"}""")]
    public async Task ReadAsync_UndecodableLine_EndsTheWatchWithAJsonException_NothingAfterItIsUsed(string line)
    {
        var names = new List<string?>();

        await Assert.ThrowsAnyAsync<JsonException>(async () =>
        {
            await foreach (var change in ReadAsync(Event("ADDED", "p-0", "101", ready: true) + "\n" + line + "\n" + Event("ADDED", "p-1", "102", ready: true) + "\n", 3))
            {
                names.Add(change.Name);
            }
        });

        Assert.Equal(["p-0"], names);
    }

    /// <summary>
    /// An event that arrives a few bytes at a time, with nothing after it for now, is handed over as soon as its last
    /// byte is in: a watch may stay quiet for minutes after its last event.
    /// </summary>
    [Fact]
    public async Task ReadAsync_EventArrivingInManyPieces_HandedOverWithoutWaitingForMore()
    {
        var body = new Pipe();
        await using var events = ObjectReader.ReadWatchAsync<PodJson, PodStatus>(body.Reader.AsStream(), ClusterObjects.Pod, Token).GetAsyncEnumerator(Token);
        var next = events.MoveNextAsync().AsTask();
        foreach (var piece in Encoding.UTF8.GetBytes(Event("ADDED", "p-0", "101", ready: true) + "\n").Chunk(5))
        {
            await body.Writer.WriteAsync(piece, Token);
            await Task.Delay(1, Token);
        }

        Assert.True(await next.WaitAsync(TimeSpan.FromSeconds(10), Token));
        Assert.Equal("p-0", events.Current.Name);
    }

    private static IAsyncEnumerable<WatchChange<PodStatus>> ReadAsync(string body, int chunk) =>
        ObjectReader.ReadWatchAsync<PodJson, PodStatus>(new TrickleStream(Encoding.UTF8.GetBytes(body), chunk), ClusterObjects.Pod, Token);

    private static string Event(string type, string name, string version, bool ready) =>
        $$"""{"type":"{{type}}","object":{"kind":"Pod","apiVersion":"v1","metadata":{"name":"{{name}}","uid":"uid-{{name}}","resourceVersion":"{{version}}","labels":{"controller-revision-hash":"rev-1"},"ownerReferences":[{"kind":"StatefulSet","name":"sts"}]},"spec":{"containers":[{"name":"c"}]},"status":{"phase":"Running","conditions":[{"type":"Ready","status":"{{(ready ? "True" : "False")}}"}]}"""
        + "}}";

    private static PodStatus Pod(string name, bool ready) => new(name, $"uid-{name}", "sts", "rev-1", ready, false);
}
