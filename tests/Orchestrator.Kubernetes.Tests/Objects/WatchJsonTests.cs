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

        var (changes, errors) = await ReadAsync(body, chunk);

        Assert.Empty(errors);
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

    [Fact]
    public async Task ReadAsync_ErrorEventWithAStatus_GoesToTheCallbackAsTheClientsException()
    {
        var (changes, errors) = await ReadAsync(Expired + "\n" + Event("ADDED", "p-0", "101", ready: true) + "\n", 5);

        var error = Assert.IsType<KubernetesException>(Assert.Single(errors));
        Assert.Equal(410, error.Status.Code);
        Assert.Equal("Expired", error.Status.Reason);
        Assert.Equal("too old resource version: 5 (120)", error.Status.Message);

        // Like the client's watch, the stream goes on until the caller's callback stops it.
        Assert.Equal("p-0", Assert.Single(changes).Name);
    }

    [Fact]
    public async Task ReadAsync_CallbackStopsTheWatch_NothingAfterTheErrorIsUsed()
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var body = Encoding.UTF8.GetBytes(Event("ADDED", "p-0", "101", ready: true) + "\n" + Expired + "\n" + Event("ADDED", "p-1", "102", ready: true) + "\n");
        var names = new List<string?>();

        // The whole body is read in at once: the event after the error is already in the buffer.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var change in WatchJson.ReadAsync(new TrickleStream(body, body.Length), ClusterObjects.Pod, _ => stop.Cancel(), WatchPacing.None, stop.Token))
            {
                names.Add(change.Name);
            }
        });

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
    public async Task ReadAsync_UndecodableLine_GoesToTheCallback_TheNextLineIsStillRead(string line)
    {
        var (changes, errors) = await ReadAsync(line + "\n" + Event("ADDED", "p-0", "101", ready: true) + "\n", 3);

        Assert.IsType<JsonException>(Assert.Single(errors), exactMatch: false);
        Assert.Equal("p-0", Assert.Single(changes).Name);
    }

    private static async Task<(List<WatchChange<PodStatus>> Changes, List<Exception> Errors)> ReadAsync(string body, int chunk)
    {
        var changes = new List<WatchChange<PodStatus>>();
        var errors = new List<Exception>();
        await foreach (var change in WatchJson.ReadAsync(new TrickleStream(Encoding.UTF8.GetBytes(body), chunk), ClusterObjects.Pod, errors.Add, WatchPacing.None, Token))
        {
            changes.Add(change);
        }

        return (changes, errors);
    }

    private static string Event(string type, string name, string version, bool ready) =>
        $$"""{"type":"{{type}}","object":{"kind":"Pod","apiVersion":"v1","metadata":{"name":"{{name}}","uid":"uid-{{name}}","resourceVersion":"{{version}}","labels":{"controller-revision-hash":"rev-1"},"ownerReferences":[{"kind":"StatefulSet","name":"sts"}]},"spec":{"containers":[{"name":"c"}]},"status":{"phase":"Running","conditions":[{"type":"Ready","status":"{{(ready ? "True" : "False")}}"}]}"""
        + "}}";

    private static PodStatus Pod(string name, bool ready) => new(name, $"uid-{name}", "sts", "rev-1", ready, false);
}
