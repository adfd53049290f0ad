using System.Text.Json.Nodes;
using Orchestrator.Cli.Tests.Support;

namespace Orchestrator.Cli.Tests.EndToEnd;

/// <summary>Ctrl-C and SIGTERM stop a run cleanly (state saved, exit 130); a second process cannot run the same rotation.</summary>
public sealed class InterruptionTests
{
    [Theory]
    [InlineData(Signals.Terminate)]
    [InlineData(Signals.Interrupt)]
    public async Task Signal_DuringAWait_SavesTheStateExits130AndResumeFinishes(int signal)
    {
        await using var clusters = await SimulatedClusters.StartAsync(1);
        clusters.Faults("region1").Replace(new Simulator.Faults.FaultSettings { StuckPods = ["example-cluster-cassandra-dc1-0"] });
        using var run = OrchestratorProcess.Start(["start-rotation", "--spec", clusters.WriteSpec(), "--state", clusters.StatePath]);
        await run.WaitForLineAsync(line => line.Contains("[3/7] wait-rollout region1: wait", StringComparison.Ordinal), TimeSpan.FromMinutes(2));

        run.Signal(signal);
        var stopped = await run.WaitForExitAsync(TimeSpan.FromMinutes(1));

        Assert.True(stopped.ExitCode == 130, stopped.ToString());
        var status = JsonNode.Parse((await OrchestratorProcess.RunAsync(["status", "--state", clusters.StatePath, "-o", "json"])).Output)!;
        Assert.Equal("Failed", status["state"]!.GetValue<string>());
        var step = status["steps"]![2]!;
        Assert.Equal("Failed", step["status"]!.GetValue<string>());
        Assert.Contains("interrupted", step["error"]!.GetValue<string>(), StringComparison.Ordinal);

        clusters.Faults("region1").Replace(Simulator.Faults.FaultSettings.None);
        var resumed = await OrchestratorProcess.RunAsync(["resume", "--state", clusters.StatePath]);
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Empty(clusters.TrustLines());
    }

    [Fact]
    public async Task Resume_WhileAnotherProcessRunsTheRotation_Exits4NamingTheHolder()
    {
        await using var clusters = await SimulatedClusters.StartAsync(1);
        clusters.Faults("region1").Replace(new Simulator.Faults.FaultSettings { StuckPods = ["example-cluster-cassandra-dc1-2"] });
        using var run = OrchestratorProcess.Start(["start-rotation", "--spec", clusters.WriteSpec(), "--state", clusters.StatePath]);
        await run.WaitForLineAsync(line => line.Contains("[3/7] wait-rollout region1: wait", StringComparison.Ordinal), TimeSpan.FromMinutes(2));

        var second = await OrchestratorProcess.RunAsync(["resume", "--state", clusters.StatePath]);
        var status = await OrchestratorProcess.RunAsync(["status", "--state", clusters.StatePath]);

        Assert.True(second.ExitCode == 4, second.ToString());
        Assert.Contains($"pid {run.Id}", second.Error, StringComparison.Ordinal);
        Assert.Equal(0, status.ExitCode);
        Assert.Contains("Running", status.Output, StringComparison.Ordinal);
        run.Signal(Signals.Terminate);
        Assert.Equal(130, (await run.WaitForExitAsync(TimeSpan.FromMinutes(1))).ExitCode);
    }
}
