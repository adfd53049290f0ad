using Orchestrator.Cli.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests.EndToEnd;

/// <summary><c>status</c> from another process while a wait runs: where the rollout stands, how long, how long left.</summary>
public sealed class RunningStatusTests
{
    [Fact]
    public async Task Status_WhileAWaitRuns_ShowsPerStatefulSetProgressTimeInStepAndTimeLeft()
    {
        await using var clusters = await SimulatedClusters.StartAsync(1, datacenters: 2, pods: 2);
        clusters.Faults("region1").Replace(new Simulator.Faults.FaultSettings { StuckPods = ["example-cluster-cassandra-dc2-1"] });
        using var run = OrchestratorProcess.Start(["start-rotation", "--spec", clusters.WriteSpec(timeout: "10m"), "--state", clusters.StatePath]);
        await run.WaitForLineAsync(line => line.StartsWith("[3/7] wait-rollout region1", StringComparison.Ordinal), TimeSpan.FromMinutes(2));

        // The stuck pod holds dc2 at 0 of 2 while dc1 finishes: wait until the saved progress says so.
        string text = string.Empty;
        await Polling.UntilAsync(
            async () =>
            {
                text = (await OrchestratorProcess.RunAsync(["status", "--state", clusters.StatePath])).Output;
                return text.Contains("replaced but not Ready: example-cluster-cassandra-dc2-1", StringComparison.Ordinal)
                    && System.Text.RegularExpressions.Regex.IsMatch(text, @"example-cluster-cassandra-dc1\s+2\s+2");
            },
            "status shows the wait's progress",
            TimeSpan.FromMinutes(1));

        Assert.Contains("Now:      step 3 (wait-rollout region1)", text, StringComparison.Ordinal);
        Assert.Contains("left before its timeout", text, StringComparison.Ordinal);
        Assert.Matches(@"example-cluster-cassandra-dc2\s+0\s+2", text);
        Assert.Contains("Waiting:  for pods to be replaced", text, StringComparison.Ordinal);
        run.Signal(Signals.Terminate);
        Assert.Equal(130, (await run.WaitForExitAsync(TimeSpan.FromMinutes(1))).ExitCode);
    }
}
