using Orchestrator.Kubernetes.Tests.Support;

namespace Orchestrator.Kubernetes.Tests.Observation;

public sealed class ExpiredWatchTests(SmallHistoryFixture fixture, ITestOutputHelper output) : IClassFixture<SmallHistoryFixture>
{
    private const int RelistEvent = 11;

    [Fact]
    public async Task Observe_WatchResumedFromAVersionPastTheHistory_ListsAgainAndStillReachesTheEnd()
    {
        var counter = new RequestCounter();
        var logs = new RecordingLoggerFactory();
        using var observed = Connectors.Counting(counter, logs).Connect(fixture.Region(), SimulationFixture.Cluster);
        using var writer = Connectors.Plain().Connect(fixture.Region(), SimulationFixture.Cluster);

        // Each watch is cut after one event and every request waits 1.5 s: while a cut watch waits to resume, the
        // rollout's pod and StatefulSet changes (dozens, made by the controllers without delay) push the version it
        // resumes from out of the five-change history.
        await using var faults = await Faults.SetAsync(fixture, "region1", """{"closeWatchesAfterEvents":1,"latencyMs":1500}""");
        await ObserveTests.ObserveRolloutAsync(observed, writer, "x3");

        var relists = logs.Lines.Where(line => line.EventId == RelistEvent).Select(line => line.Message).ToList();
        output.WriteLine(string.Join('\n', relists));
        output.WriteLine($"requests: {string.Join(", ", counter.Describe())}");
        Assert.Contains(relists, message => message.Contains("410 Expired", StringComparison.Ordinal));
        Assert.True(counter.Lists > 3, $"only {counter.Lists} lists");
    }
}
