using System.Text.Json.Nodes;
using Orchestrator.Cli.Tests.Support;
using Orchestrator.Crypto.Certificates;

namespace Orchestrator.Cli.Tests.EndToEnd;

/// <summary>
/// <c>abort</c> at every step of a two-region rotation: until the old CA's removal has started anywhere, every
/// region goes back to the old CA alone, in an order that keeps every pair of pods able to talk; after, it is refused.
/// </summary>
public sealed class AbortTests
{
    public static TheoryData<int> Steps() => new(Enumerable.Range(1, 13));

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task Abort_AfterTheProcessDiedAtStepK_RollsBackOrRefusesOnceTheOldCaIsBeingRemoved(int step)
    {
        await using var clusters = await SimulatedClusters.StartAsync(2, pods: 1);
        var oldCa = clusters.SecretData("region1")["ca.crt"];
        using (var run = OrchestratorProcess.Start(["start-rotation", "--spec", clusters.WriteSpec(), "--state", clusters.StatePath]))
        {
            await ReachAsync(clusters, run, step);
            run.Signal(Signals.Kill);
            await run.WaitForExitAsync(TimeSpan.FromMinutes(1));
        }

        foreach (var region in clusters.RegionNames)
        {
            clusters.Faults(region).Replace(Simulator.Faults.FaultSettings.None);
        }

        var id = JsonNode.Parse((await OrchestratorProcess.RunAsync(["status", "--state", clusters.StatePath, "-o", "json"])).Output)!["id"]!.GetValue<string>();
        var aborted = await OrchestratorProcess.RunAsync(["abort", id, "--state", clusters.StatePath, "-o", "json"]);

        if (step >= 10)
        {
            Assert.True(aborted.ExitCode == 2, aborted.ToString());
            Assert.Contains("the old CA's removal has started", aborted.Error, StringComparison.Ordinal);
            Assert.Contains("run a new rotation instead", aborted.Error, StringComparison.Ordinal);
            return;
        }

        Assert.True(aborted.ExitCode == 0, aborted.ToString());
        var status = JsonNode.Parse(aborted.Output)!;
        Assert.Equal("RolledBack", status["state"]!.GetValue<string>());
        foreach (var region in clusters.RegionNames)
        {
            var data = clusters.SecretData(region);
            Assert.Equal(["ca.crt", "ca.key"], data.Keys.Order());
            Assert.Equal(oldCa, data["ca.crt"]);
            Assert.True(PemCertificates.KeyMatchesCertificate(data["ca.crt"], data["ca.key"]));
        }

        Assert.Empty(clusters.TrustLines());
        var again = await OrchestratorProcess.RunAsync(["abort", id, "--state", clusters.StatePath]);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("already rolled back", again.Error, StringComparison.Ordinal);
    }

    /// <summary>
    /// Until the run has printed step K's line. Steps 9 and 13 are waits that a late kill would overshoot into another
    /// verdict (the old CA's removal starts at step 10; the rotation ends after 13), so the simulator holds them: from
    /// step 5 on, every wait is held by a stuck pod in its region until the test has seen it start, and the next
    /// region's pod is made stuck before this one is let go, so the run never gets past a wait the test has not left.
    /// </summary>
    private static async Task ReachAsync(SimulatedClusters clusters, OrchestratorProcess run, int step)
    {
        if (step is 9 or 13)
        {
            var stuck = new Simulator.Faults.FaultSettings { StuckPods = ["example-cluster-cassandra-dc1-0"] };
            clusters.Faults("region2").Replace(stuck);
            for (var wait = 5; wait < step; wait += 2)
            {
                await run.WaitForLineAsync(line => line.StartsWith($"[{wait}/13] ", StringComparison.Ordinal), TimeSpan.FromMinutes(2));
                var (held, next) = wait % 4 == 1 ? ("region2", "region1") : ("region1", "region2");
                clusters.Faults(next).Replace(stuck);
                clusters.Faults(held).Replace(Simulator.Faults.FaultSettings.None);
            }
        }

        await run.WaitForLineAsync(line => line.StartsWith($"[{step}/13] ", StringComparison.Ordinal), TimeSpan.FromMinutes(2));
    }

    [Fact]
    public async Task Abort_WhileAnotherProcessRunsIt_ThatProcessRollsBack()
    {
        await using var clusters = await SimulatedClusters.StartAsync(2, pods: 1);
        var oldCa = clusters.SecretData("region1")["ca.crt"];
        clusters.Faults("region2").Replace(new Simulator.Faults.FaultSettings { StuckPods = ["example-cluster-cassandra-dc1-0"] });
        using var run = OrchestratorProcess.Start(["start-rotation", "--spec", clusters.WriteSpec(), "--state", clusters.StatePath]);
        await run.WaitForLineAsync(line => line.StartsWith("[5/13] wait-rollout region2", StringComparison.Ordinal), TimeSpan.FromMinutes(2));
        var id = JsonNode.Parse((await OrchestratorProcess.RunAsync(["status", "--state", clusters.StatePath, "-o", "json"])).Output)!["id"]!.GetValue<string>();

        // The running process sees the request, stops its wait and turns round; then the stuck pod is fixed, and abort
        // returns once the roll-back is over.
        using var abort = OrchestratorProcess.Start(["abort", id, "--state", clusters.StatePath]);
        await abort.WaitForErrorLineAsync(line => line.StartsWith("  rolling back: ", StringComparison.Ordinal), TimeSpan.FromMinutes(2));
        clusters.Faults("region2").Replace(Simulator.Faults.FaultSettings.None);
        var aborted = await abort.WaitForExitAsync(TimeSpan.FromMinutes(2));
        var finished = await run.WaitForExitAsync(TimeSpan.FromMinutes(2));

        Assert.True(aborted.ExitCode == 0, aborted.ToString());
        Assert.Contains($"pid {run.Id}", aborted.Output, StringComparison.Ordinal);
        Assert.True(finished.ExitCode == 0, finished.ToString());
        Assert.Contains("RolledBack", finished.Output, StringComparison.Ordinal);
        Assert.Contains($"Rotation {id}: RolledBack", aborted.Output, StringComparison.Ordinal);
        Assert.Contains("undo-add-new-ca region2", finished.Output, StringComparison.Ordinal);
        Assert.Contains("undo-add-new-ca region1", finished.Output, StringComparison.Ordinal);
        Assert.All(clusters.RegionNames, region => Assert.Equal(oldCa, clusters.SecretData(region)["ca.crt"]));
        Assert.Empty(clusters.TrustLines());
    }
}
