using System.Text.Json.Nodes;
using Orchestrator.Cli.Tests.Support;
using Orchestrator.Simulator.Faults;

namespace Orchestrator.Cli.Tests.EndToEnd;

/// <summary>
/// Approval gates and pause in the CLI: the run stops at each gate with exit code 5 and nothing written at the gate;
/// <c>approve</c> moves it one gate, and only the gate it awaits; <c>pause</c> holds it at a step boundary, never in a
/// step; a stopped run resumes still held until released.
/// </summary>
public sealed class ApprovalAndPauseTests
{
    private const int Waiting = 5;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task ApprovalByPhase_StopsAtEachGate_AndEachApprovalMovesItOneGate()
    {
        await using var clusters = await SimulatedClusters.StartAsync(2, pods: 1);
        var state = new[] { "--state", clusters.StatePath };

        var started = await OrchestratorProcess.RunAsync(["start-rotation", "--spec", clusters.WriteSpec(extra: "approval: phases\n"), .. state]);

        Assert.True(started.ExitCode == Waiting, started.ToString());
        Assert.Contains("waiting: awaiting approval before step 2 (add-new-ca region1, the first of phase add-new-ca)", started.Error, StringComparison.Ordinal);
        Assert.Empty(clusters.SecretUpdates());
        var status = await clusters.StatusAsync();
        var id = status["id"]!.GetValue<string>();
        Assert.Equal(("Paused", "AwaitingApproval", 2), (status["state"]!.GetValue<string>(), status["hold"]!["reason"]!.GetValue<string>(), status["hold"]!["step"]!.GetValue<int>()));
        Assert.Contains($"orchestrator approve {id} --step 2", status["hold"]!["releaseWith"]!.GetValue<string>(), StringComparison.Ordinal);

        // Not approved: resuming (as after a crash) stays where it was, writing nothing.
        var unapproved = await OrchestratorProcess.RunAsync(["resume", id, .. state]);
        Assert.True(unapproved.ExitCode == Waiting, unapproved.ToString());
        Assert.Empty(clusters.SecretUpdates());

        var wrong = await OrchestratorProcess.RunAsync(["approve", id, "--step", "6", .. state]);
        Assert.True(wrong.ExitCode == 2, wrong.ToString());
        Assert.Contains("awaits approval before step 2 (add-new-ca region1), not step 6", wrong.Error, StringComparison.Ordinal);

        foreach (var (gate, next, writes) in new[] { (2, 6, 2), (6, 10, 4) })
        {
            var approved = await OrchestratorProcess.RunAsync(["approve", id, "--step", gate.ToString(System.Globalization.CultureInfo.InvariantCulture), .. state]);
            Assert.True(approved.ExitCode == 0, approved.ToString());
            var resumed = await OrchestratorProcess.RunAsync(["resume", id, .. state]);
            Assert.True(resumed.ExitCode == Waiting, resumed.ToString());
            Assert.Equal(next, (await clusters.StatusAsync())["hold"]!["step"]!.GetValue<int>());
            Assert.Equal(writes, clusters.SecretUpdates().Count);
        }

        var notAwaited = await OrchestratorProcess.RunAsync(["approve", id, "--step", "6", .. state]);
        Assert.Equal(2, notAwaited.ExitCode);
        Assert.Equal(0, (await OrchestratorProcess.RunAsync(["approve", id, .. state])).ExitCode);
        var finished = await OrchestratorProcess.RunAsync(["resume", id, .. state]);

        Assert.True(finished.ExitCode == 0, finished.ToString());
        Assert.Equal("Succeeded", (await clusters.StatusAsync())["state"]!.GetValue<string>());
        Assert.Equal(6, clusters.SecretUpdates().Count);
        Assert.Empty(clusters.TrustLines());
        var history = await OrchestratorProcess.RunAsync(["history", id, .. state]);
        Assert.Contains("step 2 approved", history.Output, StringComparison.Ordinal);
        Assert.Contains("step 10 approved", history.Output, StringComparison.Ordinal);
        var done = await OrchestratorProcess.RunAsync(["approve", id, .. state]);
        Assert.Contains("is not awaiting approval (Succeeded)", done.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_SaysWhereTheRotationWouldWait()
    {
        await using var clusters = await SimulatedClusters.StartAsync(2, pods: 1);

        var plan = await OrchestratorProcess.RunAsync(["plan", "--spec", clusters.WriteSpec(extra: "approval: phases\nmaintenanceWindows:\n  - { cron: '0 0 30 2,4,6,9,11 *', duration: 1h }\n  - { cron: '0 3 * * *', duration: 2h, timeZone: Europe/Berlin }\n")]);

        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.Contains("Approval (phases): before steps 2, 6, 10", plan.Output, StringComparison.Ordinal);
        Assert.Contains("Windows of region2: '0 0 30 2,4,6,9,11 *' for 1h (UTC), '0 3 * * *' for 2h (Europe/Berlin); ", plan.Output, StringComparison.Ordinal);
        Assert.Empty(clusters.OrchestratorWrites());
    }

    [Fact]
    public async Task Pause_WhileAWaitRuns_HoldsOnceThatStepIsOver_AndContinueReleasesIt()
    {
        const string StuckPod = "example-cluster-cassandra-dc1-0";
        await using var clusters = await SimulatedClusters.StartAsync(1, pods: 1);
        var state = new[] { "--state", clusters.StatePath };
        clusters.Faults("region1").Replace(new FaultSettings { StuckPods = [StuckPod] });
        using var run = OrchestratorProcess.Start(["start-rotation", "--spec", clusters.WriteSpec(timeout: "5m"), .. state]);
        await run.WaitForLineAsync(line => line.StartsWith("[3/7] wait-rollout", StringComparison.Ordinal), Patience);
        var id = (await clusters.StatusAsync())["id"]!.GetValue<string>();

        var paused = await OrchestratorProcess.RunAsync(["pause", id, .. state]);
        Assert.True(paused.ExitCode == 0, paused.ToString());
        Assert.Contains("holds once its current step is over", paused.Output, StringComparison.Ordinal);
        clusters.Faults("region1").Replace(FaultSettings.None);
        var ended = await run.WaitForExitAsync(Patience);

        Assert.True(ended.ExitCode == Waiting, ended.ToString());
        var status = await clusters.StatusAsync();
        Assert.Equal(("Paused", "Paused", 4), (status["state"]!.GetValue<string>(), status["hold"]!["reason"]!.GetValue<string>(), status["hold"]!["step"]!.GetValue<int>()));
        Assert.Equal("Succeeded", status["steps"]![2]!["status"]!.GetValue<string>());
        Assert.Single(clusters.SecretUpdates());

        Assert.Equal(Waiting, (await OrchestratorProcess.RunAsync(["resume", id, .. state])).ExitCode);
        Assert.Single(clusters.SecretUpdates());
        var released = await OrchestratorProcess.RunAsync(["continue", id, .. state]);
        Assert.True(released.ExitCode == 0, released.ToString());
        Assert.Equal(2, (await OrchestratorProcess.RunAsync(["continue", id, .. state])).ExitCode);
        var finished = await OrchestratorProcess.RunAsync(["resume", id, .. state]);

        Assert.True(finished.ExitCode == 0, finished.ToString());
        Assert.Equal(3, clusters.SecretUpdates().Count);
        Assert.Empty(clusters.TrustLines());
        Assert.Contains("continued", (await OrchestratorProcess.RunAsync(["history", id, .. state])).Output, StringComparison.Ordinal);
    }
}
