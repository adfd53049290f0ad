using System.Text.Json.Nodes;
using k8s.Models;
using Orchestrator.Simulator.Storage;
using Orchestrator.Simulator.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.Simulator.Tests.Hosting;

public sealed class RecordingTests(RecordingSimulationFixture fixture) : IClassFixture<RecordingSimulationFixture>
{
    private const string Namespace = CaSecretEditor.Namespace;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadinessLog_RecordsTheReplacementOfADeletedPodOnceReady()
    {
        var store = fixture.Store();
        var before = store.Get(ResourceTypes.Pods, Namespace, "example-cluster-cassandra-dc1-0")!.Uid;
        var deletedAt = TimeProvider.System.GetUtcNow();
        store.Delete(ResourceTypes.Pods, Namespace, "example-cluster-cassandra-dc1-0", new DeleteOptions());

        V1Pod? Replacement() => store.Get(ResourceTypes.Pods, Namespace, "example-cluster-cassandra-dc1-0")?.As<V1Pod>();
        await StoreWaiter.UntilAsync(
            store,
            () => Replacement() is { } pod && pod.Metadata.Uid != before && pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true,
            "the replacement is Ready");
        var uid = Replacement()!.Metadata.Uid;
        await Polling.UntilAsync(() => Lines(fixture.Simulation.ReadinessPath!).Any(line => line["uid"]!.GetValue<string>() == uid), "the replacement's readiness is recorded");
        var lines = Lines(fixture.Simulation.ReadinessPath!);
        var ready = lines.Single(line => line["uid"]!.GetValue<string>() == uid);
        Assert.Equal("example-cluster-cassandra-dc1-0", ready["pod"]!.GetValue<string>());
        Assert.Equal("region1", ready["region"]!.GetValue<string>());
        Assert.True(ready["time"]!.GetValue<DateTimeOffset>() > deletedAt);
        Assert.DoesNotContain(lines, line => line["uid"]!.GetValue<string>() == before && line["time"]!.GetValue<DateTimeOffset>() > deletedAt);
    }

    private static List<JsonNode> Lines(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!).ToList();
    }
}
