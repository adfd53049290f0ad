using Orchestrator.Cli.Tests.Support;
using Orchestrator.Controller.Resources;
using Orchestrator.Simulator.Faults;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests.Controller;

/// <summary>
/// <c>orchestrator serve</c> as it runs in a cluster: two replicas as real processes against a two-region simulation,
/// CaRotations created through the API, the outcome judged by the simulator's own records (trust, audit).
/// </summary>
public sealed class ServeTests
{
    private const string Stuck = "example-cluster-cassandra-dc1-0";
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task TwoReplicas_RunACaRotationToSucceeded_WritingEachContentOnce()
    {
        await using var simulation = await ControllerSimulation.StartAsync();
        simulation.StartReplica();
        simulation.StartReplica();
        await simulation.CreateAsync(simulation.Rotation("rotate"));

        var done = await simulation.WaitForStateAsync("rotate", "Succeeded", RunTimeout);

        Assert.Equal("13/13", done.Status!.StepText);
        Assert.All(done.Status.Steps!, step => Assert.Equal("Succeeded", step.Status));
        Assert.Contains(done.Status.Conditions!, condition => condition is { Type: "Ready", Status: "True", Reason: "Succeeded" });
        Assert.Empty(simulation.Clusters.TrustLines());
        foreach (var region in simulation.Clusters.RegionNames)
        {
            Assert.Equal(3, simulation.CaSecretUpdates().Count(line => line["region"]!.GetValue<string>() == region));
        }

        var reasons = (await simulation.EventsAsync("rotate")).Select(item => item.Reason).ToList();
        Assert.Equal("Started", reasons[0]);
        Assert.Equal(13, reasons.Count(reason => reason == "StepStarted"));
        Assert.Equal(13, reasons.Count(reason => reason == "StepSucceeded"));
        Assert.Contains("Succeeded", reasons);

        // Finished, it soon holds nothing: the finalizer goes once the end is reported.
        await Polling.UntilAsync(
            async () => (await simulation.FindAsync("rotate"))!.Metadata.Finalizers?.Contains(RotationWorkerFinalizer) != true,
            "the finalizer is removed",
            TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task LeaderKilledDuringAWait_TheOtherReplicaFinishes_NothingWrittenTwice()
    {
        await using var simulation = await ControllerSimulation.StartAsync();
        simulation.StartReplica();
        simulation.StartReplica();
        simulation.Clusters.Faults("region1").Replace(new FaultSettings { StuckPods = [Stuck] });
        await simulation.CreateAsync(simulation.Rotation("rotate"));
        await simulation.WaitForAsync("rotate", rotation => rotation.Status?.CurrentStep?.Number == 3, RunTimeout, "at step 3");
        var leader = await simulation.WaitForLeaderAsync(TimeSpan.FromSeconds(30));

        leader.Signal(Signals.Kill);
        await leader.WaitForExitAsync(TimeSpan.FromSeconds(10));
        simulation.Clusters.Faults("region1").Replace(new FaultSettings());
        var done = await simulation.WaitForStateAsync("rotate", "Succeeded", RunTimeout);

        Assert.All(done.Status!.Steps!, step => Assert.Equal("Succeeded", step.Status));
        Assert.Empty(simulation.Clusters.TrustLines());
        foreach (var region in simulation.Clusters.RegionNames)
        {
            Assert.Equal(3, simulation.CaSecretUpdates().Count(line => line["region"]!.GetValue<string>() == region));
        }

        Assert.Contains("Resumed", (await simulation.EventsAsync("rotate")).Select(item => item.Reason));
    }

    [Fact]
    public async Task LeaderTerminated_ExitsAtOnceReleasingTheLease_TheOtherTakesOver()
    {
        await using var simulation = await ControllerSimulation.StartAsync();
        simulation.StartReplica();
        simulation.StartReplica();
        simulation.Clusters.Faults("region1").Replace(new FaultSettings { StuckPods = [Stuck] });
        await simulation.CreateAsync(simulation.Rotation("rotate"));
        await simulation.WaitForAsync("rotate", rotation => rotation.Status?.CurrentStep?.Number == 3, RunTimeout, "at step 3");
        var leader = await simulation.WaitForLeaderAsync(TimeSpan.FromSeconds(30));
        var holder = await simulation.LeaderAsync();

        leader.Signal(Signals.Terminate);
        var exit = await leader.WaitForExitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(0, exit.ExitCode);
        Assert.Contains(exit.Error.Split('\n'), line => line.Contains("released", StringComparison.Ordinal));
        await Polling.UntilAsync(async () => await simulation.LeaderAsync() is { } next && next != holder, "another replica takes the Lease", TimeSpan.FromSeconds(15));
        simulation.Clusters.Faults("region1").Replace(new FaultSettings());
        await simulation.WaitForStateAsync("rotate", "Succeeded", RunTimeout);
        Assert.Empty(simulation.Clusters.TrustLines());
        Assert.Equal(6, simulation.CaSecretUpdates().Count);
    }

    [Fact]
    public async Task SpecAbortDuringAWait_RollsBack_OldCaBackAndTrustIntact()
    {
        await using var simulation = await ControllerSimulation.StartAsync();
        var before = simulation.Clusters.SecretData("region1");
        simulation.StartReplica();
        simulation.Clusters.Faults("region1").Replace(new FaultSettings { StuckPods = [Stuck] });
        await simulation.CreateAsync(simulation.Rotation("rotate"));
        await simulation.WaitForAsync("rotate", rotation => rotation.Status?.CurrentStep?.Number == 3, RunTimeout, "at step 3");

        await simulation.PatchAsync("rotate", """{"spec":{"abort":true}}""");
        await simulation.WaitForEventAsync("rotate", "AbortRequested", TimeSpan.FromSeconds(30));

        // Let the wait end at once: however soon it ends, the abort is taken before the next step starts.
        simulation.Clusters.Faults("region1").Replace(new FaultSettings());
        var rolledBack = await simulation.WaitForStateAsync("rotate", "RolledBack", RunTimeout);

        Assert.Equal(before.OrderBy(entry => entry.Key), simulation.Clusters.SecretData("region1").OrderBy(entry => entry.Key));
        Assert.Empty(simulation.Clusters.TrustLines());
        Assert.Equal(new StepStatus(4, "add-new-ca", "region2", "Skipped", 0, Detail: "skipped: the rotation was aborted"), rolledBack.Status!.Steps![3]);
        Assert.DoesNotContain(simulation.CaSecretUpdates(), line => line["region"]!.GetValue<string>() == "region2");
        Assert.Equal("Normal", (await simulation.WaitForEventAsync("rotate", "RolledBack", TimeSpan.FromSeconds(30))).Type);
    }

    [Fact]
    public async Task BadCaRotation_PreflightFailed_WithTheCliMessage_NothingWritten()
    {
        await using var simulation = await ControllerSimulation.StartAsync();
        simulation.StartReplica();
        var rotation = simulation.Rotation("rotate");
        await simulation.CreateAsync(rotation with { Spec = rotation.Spec with { CaSecret = "absent-ca" } });

        var refused = await simulation.WaitForAsync("rotate", found => found.Status?.Conditions?.Any(condition => condition.Reason == "PreflightFailed") == true, RunTimeout, "refused");

        Assert.Equal("Failed", refused.Status!.State);
        Assert.Contains("absent-ca", refused.Status.Message, StringComparison.Ordinal);
        Assert.Equal("Warning", (await simulation.WaitForEventAsync("rotate", "PreflightFailed", TimeSpan.FromSeconds(10))).Type);
        Assert.Empty(simulation.CaSecretUpdates());
    }

    [Fact]
    public async Task TwoCaRotationsOfOneSecret_TheSecondIsBlocked_ThenRunsAfterTheFirst()
    {
        await using var simulation = await ControllerSimulation.StartAsync();
        simulation.StartReplica();
        simulation.Clusters.Faults("region1").Replace(new FaultSettings { StuckPods = [Stuck] });
        await simulation.CreateAsync(simulation.Rotation("first"));
        await simulation.WaitForAsync("first", rotation => rotation.Status?.CurrentStep?.Number == 3, RunTimeout, "at step 3");
        var second = simulation.Rotation("second");
        await simulation.CreateAsync(second with { Spec = second.Spec with { NewCa = new NewCaSource("ca3", 2048, null, null) } });

        var blocked = await simulation.WaitForAsync("second", rotation => rotation.Status?.Conditions?.Any(condition => condition.Reason == "Blocked") == true, RunTimeout, "blocked");
        Assert.Contains("first", blocked.Status!.Message, StringComparison.Ordinal);

        simulation.Clusters.Faults("region1").Replace(new FaultSettings());
        await simulation.WaitForStateAsync("first", "Succeeded", RunTimeout);
        await simulation.WaitForStateAsync("second", "Succeeded", RunTimeout);
        Assert.Empty(simulation.Clusters.TrustLines());
    }

    [Fact]
    public async Task DeletedWhileRunning_IsRolledBackBeforeItGoes()
    {
        await using var simulation = await ControllerSimulation.StartAsync();
        var before = simulation.Clusters.SecretData("region1");
        simulation.StartReplica();
        simulation.Clusters.Faults("region1").Replace(new FaultSettings { StuckPods = [Stuck] });
        await simulation.CreateAsync(simulation.Rotation("rotate"));
        await simulation.WaitForAsync("rotate", rotation => rotation.Status?.CurrentStep?.Number == 3, RunTimeout, "at step 3");

        await simulation.DeleteAsync("rotate");
        await simulation.WaitForEventAsync("rotate", "DeletionHeld", TimeSpan.FromSeconds(30));
        Assert.NotNull(await simulation.FindAsync("rotate"));
        simulation.Clusters.Faults("region1").Replace(new FaultSettings());
        await Polling.UntilAsync(async () => await simulation.FindAsync("rotate") is null, "the CaRotation is gone", RunTimeout);

        Assert.Equal(before.OrderBy(entry => entry.Key), simulation.Clusters.SecretData("region1").OrderBy(entry => entry.Key));
        Assert.Empty(simulation.Clusters.TrustLines());
        Assert.Contains("DeletionReleased", (await simulation.EventsAsync("rotate")).Select(item => item.Reason));
    }

    private const string RotationWorkerFinalizer = "cassandra.orchestrator.io/rotation";
}
