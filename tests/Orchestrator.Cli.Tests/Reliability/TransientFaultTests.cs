using System.Text.Json.Nodes;
using Orchestrator.Cli.Tests.Support;
using Orchestrator.Simulator.Faults;
using Orchestrator.Simulator.Storage;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests.Reliability;

/// <summary>
/// Transient API faults, set before the run or in the middle of it, land in the orchestrator's reads, lists, watches
/// and writes: the rotation still finishes, every region's CA Secret is written exactly once per phase in plan order,
/// and trust never breaks.
/// </summary>
public sealed class TransientFaultTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    /// <summary>
    /// A Retry-After of 1 s puts at least a second between two attempts; the few milliseconds off allow for the timer's
    /// granularity, far above the 0.1-0.8 s an exponential backoff would wait for its first three attempts instead.
    /// </summary>
    private static readonly TimeSpan RetryAfterGap = TimeSpan.FromMilliseconds(990);

    /// <summary>
    /// Two regions, the fault in both from the start: reads and lists fail first in the preflight, writes in the
    /// first add-new-ca step of each region, watches in the first wait of each region.
    /// </summary>
    [Theory]
    [InlineData(TransientFault.UpdateSecrets503)]
    [InlineData(TransientFault.GetSecrets429)]
    [InlineData(TransientFault.ListPodsAndStatefulSets500)]
    [InlineData(TransientFault.WatchPods503)]
    [InlineData(TransientFault.Latency200Ms)]
    [InlineData(TransientFault.CloseWatchesAfter2Events)]
    public async Task StartRotation_TransientFaultFromTheStart_FinishesWritingEachSecretOncePerPhase(TransientFault fault)
    {
        await using var clusters = await SimulatedClusters.StartAsync(2, pods: 2);
        foreach (var region in clusters.RegionNames)
        {
            clusters.Faults(region).Replace(Settings(fault));
        }

        var outcome = await OrchestratorProcess.RunAsync(["start-rotation", "--spec", clusters.WriteSpec(), "--state", clusters.StatePath, "--verbose"]);

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        AssertEachSecretWrittenOncePerPhaseInPlanOrder(clusters);
        foreach (var region in clusters.RegionNames)
        {
            Assert.Empty(clusters.Faults(region).Current.FailRequests);
            AssertFaultSeen(clusters, region, fault, outcome, [503, 503, 503, 200, 200, 200]);
        }
    }

    /// <summary>
    /// One region, the fault set when the run reaches a given line: each lands in the step after it (the lists in the
    /// wait that follows, or at the latest in the next Secret change's snapshot; the watches in the next wait).
    /// </summary>
    /// <remarks>
    /// The run is held there by the simulator, not raced: the region's operator is paused from the start, so step 3's
    /// wait cannot end before the fault is set, and setting the fault resumes the operator. Where the fault is in
    /// watches, the test also waits for step 3's own watch of pods to be open, so that the fault meets the next one.
    /// </remarks>
    [Theory]
    [InlineData(TransientFault.UpdateSecrets503, "[3/7] wait-rollout region1: wait")]
    [InlineData(TransientFault.GetSecrets429, "[3/7] wait-rollout region1: wait")]
    [InlineData(TransientFault.ListPodsAndStatefulSets500, "[2/7] add-new-ca region1: Succeeded")]
    [InlineData(TransientFault.WatchPods503, "[3/7] wait-rollout region1: wait")]
    [InlineData(TransientFault.Latency200Ms, "[3/7] wait-rollout region1: wait")]
    [InlineData(TransientFault.CloseWatchesAfter2Events, "[3/7] wait-rollout region1: wait")]
    public async Task StartRotation_TransientFaultMidRun_FinishesWritingEachSecretOncePerPhase(TransientFault fault, string trigger)
    {
        await using var clusters = await SimulatedClusters.StartAsync(1, pods: 2);
        clusters.Faults("region1").Replace(new FaultSettings { OperatorPaused = true });
        var podWatches = clusters.Store("region1").OpenWatches(ResourceTypes.Pods);
        using var run = OrchestratorProcess.Start(["start-rotation", "--spec", clusters.WriteSpec(), "--state", clusters.StatePath, "--verbose"]);
        await run.WaitForLineAsync(line => line.StartsWith(trigger, StringComparison.Ordinal), Patience);
        if (fault == TransientFault.WatchPods503)
        {
            await Polling.UntilAsync(() => clusters.Store("region1").OpenWatches(ResourceTypes.Pods) > podWatches, "step 3 watches the pods", Patience);
        }

        clusters.Faults("region1").Replace(Settings(fault));

        var outcome = await run.WaitForExitAsync(Patience);

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        AssertEachSecretWrittenOncePerPhaseInPlanOrder(clusters);
        Assert.Empty(clusters.Faults("region1").Current.FailRequests);
        AssertFaultSeen(clusters, "region1", fault, outcome, [200, 503, 503, 503, 200, 200]);
        var steps = (await clusters.StatusAsync())["steps"]!.AsArray();
        switch (fault)
        {
            case TransientFault.GetSecrets429:
                // Step 4 read the Secret 3 times in vain, a second apart, before its fourth read got through.
                Assert.True(Duration(steps[3]!) >= 3 * RetryAfterGap, $"promote-new-ca took {Duration(steps[3]!)}");
                Assert.All(clusters.Log.InjectedFailures("region1", 429, "get", "secrets"), time => AssertWithin(steps[3]!, time));
                break;
            case TransientFault.WatchPods503:
                Assert.All(clusters.Log.InjectedFailures("region1", 503, "watch", "pods"), time => AssertWithin(steps[4]!, time));
                break;
        }
    }

    private static FaultSettings Settings(TransientFault fault) => fault switch
    {
        TransientFault.UpdateSecrets503 => new FaultSettings { FailRequests = [new RequestFailure { Verb = "update", Resource = "secrets", Code = 503, Count = 3 }] },
        TransientFault.GetSecrets429 => new FaultSettings { FailRequests = [new RequestFailure { Verb = "get", Resource = "secrets", Code = 429, Count = 3 }] },
        TransientFault.ListPodsAndStatefulSets500 => new FaultSettings
        {
            FailRequests =
            [
                new RequestFailure { Verb = "list", Resource = "pods", Code = 500, Count = 2 },
                new RequestFailure { Verb = "list", Resource = "statefulsets", Code = 500, Count = 2 },
            ],
        },
        TransientFault.WatchPods503 => new FaultSettings { FailRequests = [new RequestFailure { Verb = "watch", Resource = "pods", Code = 503, Count = 2 }] },
        TransientFault.Latency200Ms => new FaultSettings { LatencyMs = 200 },
        _ => new FaultSettings { CloseWatchesAfterEvents = 2 },
    };

    /// <summary>The simulator's own records show the fault at work in the region.</summary>
    private static void AssertFaultSeen(SimulatedClusters clusters, string region, TransientFault fault, ProcessOutcome outcome, int[] updateCodes)
    {
        var log = clusters.Log;
        switch (fault)
        {
            case TransientFault.UpdateSecrets503:
                Assert.Equal(updateCodes, clusters.SecretUpdates().Where(line => Region(line) == region).Select(line => line["code"]!.GetValue<int>()));
                break;
            case TransientFault.GetSecrets429:
                // The audit log holds writes only; the 429s are in the simulator's log, a second apart as Retry-After
                // asks, and the region's next successful update comes a second after the last of them at the soonest.
                var refused = log.InjectedFailures(region, 429, "get", "secrets");
                Assert.Equal(3, refused.Count);
                Assert.All(refused.Zip(refused.Skip(1)), pair => Assert.True(pair.Second - pair.First >= RetryAfterGap, $"429s at {pair.First:O} and {pair.Second:O}"));
                var next = clusters.SecretUpdates().Select(line => (Region: Region(line), Time: line["time"]!.GetValue<DateTimeOffset>(), Code: line["code"]!.GetValue<int>()))
                    .First(update => update.Region == region && update.Time > refused[^1]);
                Assert.Equal(200, next.Code);
                Assert.True(next.Time - refused[^1] >= RetryAfterGap, $"last 429 at {refused[^1]:O}, next update at {next.Time:O}");
                break;
            case TransientFault.ListPodsAndStatefulSets500:
                Assert.Equal(2, log.InjectedFailures(region, 500, "list", "pods").Count);
                Assert.Equal(2, log.InjectedFailures(region, 500, "list", "statefulsets").Count);
                break;
            case TransientFault.WatchPods503:
                Assert.Equal(2, log.InjectedFailures(region, 503, "watch", "pods").Count);
                break;
            case TransientFault.CloseWatchesAfter2Events:
                Assert.Contains(outcome.Error.Split('\n'), line => line.Contains($"{region}: watch of pods ended; resuming", StringComparison.Ordinal));
                break;
        }
    }

    /// <summary>Exactly three successful updates of the CA Secret per region, phase by phase in spec order, and nothing else written.</summary>
    private static void AssertEachSecretWrittenOncePerPhaseInPlanOrder(SimulatedClusters clusters)
    {
        var successful = clusters.ClusterWrites().Where(line => line["code"]!.GetValue<int>() < 300).ToList();
        Assert.All(successful, line => Assert.Equal(("update", "secrets", 200), (line["verb"]!.GetValue<string>(), line["resource"]!.GetValue<string>(), line["code"]!.GetValue<int>())));
        Assert.Equal(Enumerable.Range(0, 3).SelectMany(_ => clusters.RegionNames), successful.Select(Region));
        Assert.Empty(clusters.TrustLines());
    }

    private static string Region(JsonNode line) => line["region"]!.GetValue<string>();

    private static TimeSpan Duration(JsonNode step) => step["finishedAt"]!.GetValue<DateTimeOffset>() - step["startedAt"]!.GetValue<DateTimeOffset>();

    /// <summary>The step's times are saved to the millisecond; the simulator's to the tick.</summary>
    private static void AssertWithin(JsonNode step, DateTimeOffset time)
    {
        var started = step["startedAt"]!.GetValue<DateTimeOffset>();
        var finished = step["finishedAt"]!.GetValue<DateTimeOffset>().AddMilliseconds(1);
        Assert.True(time >= started && time <= finished, $"{time:O} is not within step {step["number"]} ({started:O} to {finished:O})");
    }
}
