using System.Globalization;
using System.Text.Json.Nodes;
using Orchestrator.Cli.Commands;
using Orchestrator.Cli.Tests.Support;
using Orchestrator.Controller.Resources;
using Orchestrator.Controller.Serving;
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
        Assert.Equal("RotationStarted", reasons[0]);
        Assert.Equal(13, reasons.Count(reason => reason == "StepStarted"));
        Assert.Equal(13, reasons.Count(reason => reason == "StepSucceeded"));
        Assert.Contains("RotationSucceeded", reasons);

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
        await StartHeldAtWaitAsync(simulation, "rotate", 3);
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
    public async Task LeaderKilledRightAfterASecretWrite_TheOtherTakesOverInTime_NothingWrittenTwice()
    {
        await using var simulation = await ControllerSimulation.StartAsync();
        simulation.StartReplica();
        simulation.StartReplica();
        await simulation.CreateAsync(simulation.Rotation("rotate"));
        var leader = await simulation.WaitForLeaderAsync(TimeSpan.FromSeconds(30));

        // Killed in the window between the first CA Secret write landing and its being recorded as done.
        await Polling.UntilAsync(() => simulation.CaSecretUpdates().Count > 0, "the first CA Secret write", RunTimeout);
        leader.Signal(Signals.Kill);
        await leader.WaitForExitAsync(TimeSpan.FromSeconds(10));

        // The Lease was not released: the successor waits for it to expire, then resumes at once.
        await simulation.WaitForEventAsync("rotate", "Resumed", LeaseDuration + FailoverAllowance);
        var done = await simulation.WaitForStateAsync("rotate", "Succeeded", RunTimeout);

        Assert.All(done.Status!.Steps!, step => Assert.Equal("Succeeded", step.Status));
        Assert.Empty(simulation.Clusters.TrustLines());
        Assert.Equal(["region1", "region2", "region1", "region2", "region1", "region2"], simulation.CaSecretUpdates().Select(line => line["region"]!.GetValue<string>()));
        var events = await simulation.EventsAsync("rotate");
        var started = events.First(item => item.Reason == "RotationStarted");
        var resumed = events.First(item => item.Reason == "Resumed");
        Assert.NotEqual(started.ReportingInstance, resumed.ReportingInstance);
        Assert.Equal(resumed.ReportingInstance, events.Last(item => item.Reason == "RotationSucceeded").ReportingInstance);
    }

    [Fact]
    public async Task LeaderCutOffFromItsCluster_StopsWritingBeforeTheOtherTakesOver_AndTheRotationFinishes()
    {
        await using var simulation = await ControllerSimulation.StartAsync();
        simulation.StartReplica();
        simulation.StartReplica();
        simulation.Clusters.Faults("region2").Replace(new FaultSettings { StuckPods = [Stuck] });
        await simulation.CreateAsync(simulation.Rotation("rotate"));
        await simulation.WaitForAsync("rotate", rotation => rotation.Status?.CurrentStep is { Number: 5, Region: "region2" }, RunTimeout, "waiting in region2");
        var holder = (await simulation.LeaderAsync())!;

        // A partition between the leader and its own cluster (region1, where its Lease and state live); region2 it
        // still reaches, and its wait there now ends, so nothing but the lost Lease keeps it from writing on.
        simulation.Clusters.Faults("region1").Replace(new FaultSettings { CutOffUserAgents = [$"{ServeCommand.UserAgent} ({holder})"] });
        simulation.Clusters.Faults("region2").Replace(new FaultSettings());
        await Polling.UntilAsync(
            async () => await simulation.LeaderAsync() is { } next && next != holder,
            "another replica takes the Lease",
            LeaseDuration + FailoverAllowance);
        var done = await simulation.WaitForStateAsync("rotate", "Succeeded", RunTimeout);

        Assert.All(done.Status!.Steps!, step => Assert.Equal("Succeeded", step.Status));
        Assert.Empty(simulation.Clusters.TrustLines());
        Assert.Equal(["region1", "region2", "region1", "region2", "region1", "region2"], simulation.CaSecretUpdates().Select(line => line["region"]!.GetValue<string>()));

        // Never two writers: whatever the cut-off replica wrote, anywhere, landed before its successor took the Lease.
        var writes = simulation.Clusters.OrchestratorWrites().Where(line => line["code"]!.GetValue<int>() < 300).ToList();
        var lastOfCutOff = writes.Where(line => WrittenBy(line, holder)).Max(line => line["time"]!.GetValue<DateTimeOffset>());
        var firstOfSuccessor = writes.Where(line => !WrittenBy(line, holder)).Min(line => line["time"]!.GetValue<DateTimeOffset>());
        Assert.True(lastOfCutOff < firstOfSuccessor, $"the cut-off leader wrote at {lastOfCutOff:O}, after its successor's first write at {firstOfSuccessor:O}");

        // And its work had wholly stopped by then, as it says in its log (its clock is the simulator's: one machine).
        var cutOff = simulation.Replicas.Single(replica => replica.ErrorLines.Any(line => line.Contains(holder + " leads", StringComparison.Ordinal)));
        var stopped = cutOff.ErrorLines.FirstOrDefault(line => line.Contains(holder + ": its work has stopped", StringComparison.Ordinal));
        Assert.True(stopped is not null, simulation.ReplicaLogs());
        var stoppedAt = DateTimeOffset.Parse(stopped[..stopped.IndexOf(' ', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
        Assert.True(stoppedAt < firstOfSuccessor, $"the cut-off leader's work stopped at {stoppedAt:O}, after its successor's first write at {firstOfSuccessor:O}");
    }

    [Fact]
    public async Task LeaderTerminated_ExitsAtOnceReleasingTheLease_TheOtherTakesOver()
    {
        await using var simulation = await ControllerSimulation.StartAsync();
        simulation.StartReplica();
        simulation.StartReplica();
        await StartHeldAtWaitAsync(simulation, "rotate", 3);
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

    [Theory]
    [InlineData(3)]
    [InlineData(7)]
    public async Task SpecAbortDuringAWait_RollsBack_OldCaBackInEveryRegionAndTrustIntact(int step)
    {
        await using var simulation = await ControllerSimulation.StartAsync();
        var before = simulation.Clusters.RegionNames.ToDictionary(region => region, simulation.Clusters.SecretData);
        simulation.StartReplica();
        await StartHeldAtWaitAsync(simulation, "rotate", step);

        await simulation.PatchAsync("rotate", """{"spec":{"abort":true}}""");
        await simulation.WaitForEventAsync("rotate", "AbortRequested", TimeSpan.FromSeconds(30));

        // Let the wait end at once: however soon it ends, the abort is taken before the next step starts.
        ClearFaults(simulation);
        var rolledBack = await simulation.WaitForStateAsync("rotate", "RolledBack", RunTimeout);

        foreach (var region in simulation.Clusters.RegionNames)
        {
            Assert.Equal(before[region].OrderBy(entry => entry.Key), simulation.Clusters.SecretData(region).OrderBy(entry => entry.Key));
        }

        Assert.Empty(simulation.Clusters.TrustLines());
        var next = rolledBack.Status!.Steps![step];
        Assert.Equal((step + 1, "region2", "Skipped", "skipped: the rotation was aborted"), (next.Number, next.Region, next.Status, next.Detail));
        Assert.Equal("Normal", (await simulation.WaitForEventAsync("rotate", "RolledBack", TimeSpan.FromSeconds(30))).Type);
    }

    [Fact]
    public async Task SpecAbortOnceTheOldCaIsBeingRemoved_IsRefused_AndTheRotationFinishes()
    {
        await using var simulation = await ControllerSimulation.StartAsync();
        simulation.StartReplica();
        await StartHeldAtWaitAsync(simulation, "rotate", 11);

        await simulation.PatchAsync("rotate", """{"spec":{"abort":true}}""");
        var refused = await simulation.WaitForEventAsync("rotate", "AbortRefused", TimeSpan.FromSeconds(30));
        ClearFaults(simulation);
        var done = await simulation.WaitForStateAsync("rotate", "Succeeded", RunTimeout);

        Assert.Equal("Warning", refused.Type);
        Assert.All(done.Status!.Steps!, finished => Assert.Equal("Succeeded", finished.Status));
        Assert.Empty(simulation.Clusters.TrustLines());
        Assert.Equal(6, simulation.CaSecretUpdates().Count);
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
        await StartHeldAtWaitAsync(simulation, "first", 3);
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
        await StartHeldAtWaitAsync(simulation, "rotate", 3);

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

    /// <summary>
    /// Creates the CaRotation <paramref name="name"/> and holds it in the wait of step <paramref name="step"/> (3, 5,
    /// …: region1's waits are 3, 7 and 11): a pod of the waited region is kept from turning Ready, and each earlier
    /// wait is let go once it is reached.
    /// </summary>
    private static async Task StartHeldAtWaitAsync(ControllerSimulation simulation, string name, int step)
    {
        simulation.Clusters.Faults("region1").Replace(new FaultSettings { StuckPods = [Stuck] });
        await simulation.CreateAsync(simulation.Rotation(name));
        for (var wait = 3; wait <= step; wait += 2)
        {
            var (held, released) = wait % 4 == 3 ? ("region1", "region2") : ("region2", "region1");
            simulation.Clusters.Faults(held).Replace(new FaultSettings { StuckPods = [Stuck] });
            simulation.Clusters.Faults(released).Replace(new FaultSettings());
            var reached = wait;
            await simulation.WaitForAsync(name, rotation => rotation.Status?.CurrentStep?.Number == reached, RunTimeout, $"at step {reached}");
        }
    }

    private static void ClearFaults(ControllerSimulation simulation)
    {
        foreach (var region in simulation.Clusters.RegionNames)
        {
            simulation.Clusters.Faults(region).Replace(new FaultSettings());
        }
    }

    /// <summary>How much later than the Lease's expiry a successor may write: its next try, a relist, a resume.</summary>
    private static readonly TimeSpan FailoverAllowance = TimeSpan.FromSeconds(10);

    /// <summary>The Lease duration <c>serve</c> runs with.</summary>
    private static readonly TimeSpan LeaseDuration = new ControllerSettings(ControllerSimulation.ControllerNamespace, "defaults").LeaseDuration;

    private static bool WrittenBy(JsonNode line, string identity) =>
        line["userAgent"]!.GetValue<string>().Contains($"({identity})", StringComparison.Ordinal);
}
