using System.Text.Json.Nodes;
using Orchestrator.Cli.Tests.Support;
using Orchestrator.Simulator.Faults;

namespace Orchestrator.Cli.Tests.EndToEnd;

/// <summary>
/// What <c>abort</c> reports: for a rotation another process runs, how that process's roll-back ended, once it has;
/// for one it rolls back itself, steps that were skipped say only that.
/// </summary>
public sealed class AbortOutcomeTests
{
    private const string StuckPod = "example-cluster-cassandra-dc1-0";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Abort_WhileAnotherProcessRunsIt_ReturnsItsExitCodeAndReasonWhenItsRollbackFails()
    {
        await using var clusters = await SimulatedClusters.StartAsync(1, pods: 1);
        clusters.Faults("region1").Replace(new FaultSettings { StuckPods = [StuckPod] });
        using var run = OrchestratorProcess.Start(["start-rotation", "--spec", clusters.WriteSpec(timeout: "15s"), "--state", clusters.StatePath]);
        await run.WaitForLineAsync(line => line.StartsWith("[3/7] wait-rollout region1", StringComparison.Ordinal), Patience);
        var id = (await clusters.StatusAsync())["id"]!.GetValue<string>();

        // The pod stays stuck: the roll-back's own wait times out too.
        var aborted = await OrchestratorProcess.RunAsync(["abort", id, "--state", clusters.StatePath], timeout: Patience);
        var finished = await run.WaitForExitAsync(Patience);

        Assert.Equal(3, finished.ExitCode);
        Assert.True(aborted.ExitCode == 3, aborted.ToString());
        Assert.Contains($"pid {run.Id}", aborted.Output, StringComparison.Ordinal);
        Assert.Contains("  rolling back: step 9/9 (wait-rollout region1)", aborted.Error, StringComparison.Ordinal);
        Assert.Contains($"error: the roll-back of rotation {id} stopped: step 9 (wait-rollout region1) failed: region1: rollout not complete after 15s", aborted.Error, StringComparison.Ordinal);
        Assert.Contains($"orchestrator resume {id} --state {clusters.StatePath}", aborted.Error, StringComparison.Ordinal);
        Assert.Contains($"Rotation {id}: RollingBack", aborted.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Abort_OfAnInterruptedRotation_SkippedStepsSayOnlyThatTheyWereSkipped()
    {
        await using var clusters = await SimulatedClusters.StartAsync(1, pods: 1);
        clusters.Faults("region1").Replace(new FaultSettings { StuckPods = [StuckPod] });
        using (var run = OrchestratorProcess.Start(["start-rotation", "--spec", clusters.WriteSpec(), "--state", clusters.StatePath]))
        {
            await run.WaitForLineAsync(line => line.StartsWith("[3/7] wait-rollout region1", StringComparison.Ordinal), Patience);
            run.Signal(Signals.Interrupt);
            Assert.Equal(130, (await run.WaitForExitAsync(Patience)).ExitCode);
        }

        clusters.Faults("region1").Replace(FaultSettings.None);
        var id = (await clusters.StatusAsync())["id"]!.GetValue<string>();
        var aborted = await OrchestratorProcess.RunAsync(["abort", id, "--state", clusters.StatePath, "-o", "json"], timeout: Patience);

        Assert.True(aborted.ExitCode == 0, aborted.ToString());
        var skipped = JsonNode.Parse(aborted.Output)!["steps"]!.AsArray().Where(step => step!["status"]!.GetValue<string>() == "Skipped").ToList();
        Assert.Equal([3, 4, 5, 6, 7], skipped.Select(step => step!["number"]!.GetValue<int>()));
        Assert.All(skipped, step =>
        {
            Assert.Null(step!["error"]);
            Assert.Equal("skipped: the rotation was aborted", step["detail"]!.GetValue<string>());
        });
    }
}
