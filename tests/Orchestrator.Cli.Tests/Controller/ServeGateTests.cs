using System.Globalization;
using Orchestrator.Cli.Tests.Support;
using Orchestrator.Controller.Resources;
using Orchestrator.Simulator.Faults;

namespace Orchestrator.Cli.Tests.Controller;

/// <summary>
/// Approval gates, pause and maintenance windows of CaRotations run by <c>serve</c>: held in status
/// (<c>pauseConditions</c>) and Events with nothing written at a gate; released by <c>orchestrator approve</c>,
/// <c>continue</c> (which patch the resource) or by the window opening, which the controller wakes for by itself.
/// </summary>
public sealed class ServeGateTests
{
    private const string Stuck = "example-cluster-cassandra-dc1-0";
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task ApprovalByPhase_HeldAtEachGate_ApprovedThroughTheCli_EvenAcrossAFailover()
    {
        await using var simulation = await ControllerSimulation.StartAsync();
        simulation.StartReplica();
        simulation.StartReplica();
        await simulation.CreateAsync(simulation.Rotation("rotate") with { Spec = simulation.Rotation("rotate").Spec with { Approval = "phases" } });

        var held = await WaitForGateAsync(simulation, "AwaitingApproval", 2);
        Assert.Empty(simulation.CaSecretUpdates());
        Assert.Contains(held.Status!.Conditions!, condition => condition is { Type: "Ready", Status: "False", Reason: "AwaitingApproval" });
        var wrong = await GateAsync(simulation, "approve", "rotate", "--step", "6");
        Assert.True(wrong.ExitCode == 2, wrong.ToString());
        Assert.Contains("awaits approval before step 2, not step 6", wrong.Error, StringComparison.Ordinal);

        // A leader killed while it awaits approval: its successor still awaits it, and writes nothing.
        var leader = await simulation.WaitForLeaderAsync(TimeSpan.FromSeconds(30));
        leader.Signal(Signals.Kill);
        await leader.WaitForExitAsync(TimeSpan.FromSeconds(10));
        await simulation.WaitForLeaderAsync(TimeSpan.FromSeconds(40));
        Assert.Equal(2, (await WaitForGateAsync(simulation, "AwaitingApproval", 2)).Status!.PauseConditions![0].Step);
        Assert.Empty(simulation.CaSecretUpdates());

        foreach (var (gate, next, writes) in new[] { (2, 6, 2), (6, 10, 4) })
        {
            var approved = await GateAsync(simulation, "approve", "rotate", "--step", gate.ToString(CultureInfo.InvariantCulture));
            Assert.True(approved.ExitCode == 0, approved.ToString());
            await WaitForGateAsync(simulation, "AwaitingApproval", next);
            Assert.Equal(writes, simulation.CaSecretUpdates().Count);
        }

        Assert.Equal(0, (await GateAsync(simulation, "approve", "rotate")).ExitCode);
        await simulation.WaitForStateAsync("rotate", "Succeeded", RunTimeout);

        Assert.Equal(6, simulation.CaSecretUpdates().Count);
        Assert.Empty(simulation.Clusters.TrustLines());
        var reasons = (await simulation.EventsAsync("rotate")).Select(item => item.Reason).ToList();
        Assert.Contains("AwaitingApproval", reasons);
        Assert.Equal(3, reasons.Count(reason => reason == "Approved"));
        Assert.Contains("AwaitingApproval", (await simulation.CaSecretEventsAsync("region1")).Select(item => item.Reason));
    }

    [Fact]
    public async Task PauseAndContinue_HoldAtTheNextStepBoundary_ThenGoOn()
    {
        await using var simulation = await ControllerSimulation.StartAsync();
        simulation.StartReplica();
        simulation.Clusters.Faults("region1").Replace(new FaultSettings { StuckPods = [Stuck] });
        await simulation.CreateAsync(simulation.Rotation("rotate"));
        await simulation.WaitForAsync("rotate", rotation => rotation.Status?.CurrentStep?.Number == 3, RunTimeout, "at step 3");

        var paused = await GateAsync(simulation, "pause", "rotate");
        Assert.True(paused.ExitCode == 0, paused.ToString());
        simulation.Clusters.Faults("region1").Replace(FaultSettings.None);
        var held = await WaitForGateAsync(simulation, "Paused", 4);

        Assert.Equal("Succeeded", held.Status!.Steps![2].Status);
        Assert.Single(simulation.CaSecretUpdates());
        Assert.Equal(0, (await GateAsync(simulation, "continue", "rotate")).ExitCode);
        await simulation.WaitForStateAsync("rotate", "Succeeded", RunTimeout);
        var reasons = (await simulation.EventsAsync("rotate")).Select(item => item.Reason).ToList();
        Assert.Contains("Paused", reasons);
        Assert.Contains("Continued", reasons);
        Assert.Empty(simulation.Clusters.TrustLines());
    }

    [Fact]
    public async Task OutsideItsWindow_WaitsWritingNothing_AndGoesOnByItselfWhenItOpens()
    {
        await using var simulation = await ControllerSimulation.StartAsync();
        simulation.StartReplica();
        var now = TimeProvider.System.GetUtcNow();
        var opens = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(2);
        var rotation = simulation.Rotation("rotate");
        await simulation.CreateAsync(rotation with
        {
            Spec = rotation.Spec with { MaintenanceWindows = [new MaintenanceWindowSource($"{opens.Minute} {opens.Hour} * * *", "30m", "UTC")] },
        });

        var held = await WaitForGateAsync(simulation, "WaitingForWindow", 2);
        Assert.Equal(opens, DateTimeOffset.Parse(held.Status!.PauseConditions![0].Until!, CultureInfo.InvariantCulture));
        Assert.Empty(simulation.CaSecretUpdates());
        await simulation.WaitForStateAsync("rotate", "Succeeded", RunTimeout);

        Assert.All(simulation.CaSecretUpdates(), update => Assert.True(DateTimeOffset.Parse(update["time"]!.GetValue<string>(), CultureInfo.InvariantCulture) >= opens));
        Assert.Contains("WaitingForWindow", (await simulation.EventsAsync("rotate")).Select(item => item.Reason));
        Assert.Contains("WaitingForWindow", (await simulation.CaSecretEventsAsync("region1")).Select(item => item.Reason));
    }

    [Fact]
    public async Task WindowsThatNeverOpen_AreRefusedAsWindowUnsatisfiable()
    {
        await using var simulation = await ControllerSimulation.StartAsync();
        simulation.StartReplica();
        var rotation = simulation.Rotation("rotate");
        await simulation.CreateAsync(rotation with { Spec = rotation.Spec with { MaintenanceWindows = [new MaintenanceWindowSource("0 0 30 2 *", "2h", null)] } });

        var refused = await simulation.WaitForEventAsync("rotate", "WindowUnsatisfiable", RunTimeout);

        Assert.Contains("maintenanceWindows: region1's windows never open", refused.Message, StringComparison.Ordinal);
        Assert.Empty(simulation.CaSecretUpdates());
    }

    private static Task<CaRotation> WaitForGateAsync(ControllerSimulation simulation, string reason, int step) =>
        simulation.WaitForAsync(
            "rotate",
            rotation => rotation.Status is { State: "Paused", PauseConditions: [var condition] } && condition.Reason == reason && condition.Step == step,
            RunTimeout,
            $"{reason} before step {step}");

    private static Task<ProcessOutcome> GateAsync(ControllerSimulation simulation, string verb, string name, params string[] more) =>
        OrchestratorProcess.RunAsync([verb, name, .. more, "--kubeconfig", simulation.Clusters.Simulation.KubeconfigPath, "--context", "region1", "--namespace", ControllerSimulation.ControllerNamespace]);
}
