using k8s.Models;
using Orchestrator.Cli.Tests.Support;
using Orchestrator.Simulator.Storage;

namespace Orchestrator.Cli.Tests.EndToEnd;

/// <summary>One orchestrator per CA Secret: every region's Lease, named after the Secret, held while a rotation runs.</summary>
public sealed class LeaseTests
{
    private const string LeaseName = SimulatedClusters.CaSecret + "-rotation";

    [Fact]
    public async Task SecondOrchestrator_OtherStateFile_SameSecret_Exits4NamingTheHolderAndChangesNothing()
    {
        await using var clusters = await SimulatedClusters.StartAsync(2, pods: 1);
        clusters.Faults("region2").Replace(new Simulator.Faults.FaultSettings { StuckPods = ["example-cluster-cassandra-dc1-0"] });
        using var first = OrchestratorProcess.Start(["start-rotation", "--spec", clusters.WriteSpec(), "--state", clusters.StatePath]);
        await first.WaitForLineAsync(line => line.StartsWith("[5/13] wait-rollout", StringComparison.Ordinal), TimeSpan.FromMinutes(2));
        var secretWrites = SecretWrites(clusters);

        // Another machine: its own state file, a new rotation of the same Secret, told to take over if it can.
        var second = await OrchestratorProcess.RunAsync(["start-rotation", "--spec", clusters.WriteSpec("second.yaml", alias: "ca3"), "--state", Path.Combine(clusters.Directory, "other.db"), "--force-takeover"]);

        Assert.True(second.ExitCode == 4, second.ToString());
        Assert.Contains($"region1: Lease {LeaseName} is held by rot-", second.Error, StringComparison.Ordinal);
        Assert.Contains($":{first.Id}: its lease expires at", second.Error, StringComparison.Ordinal);

        // The same rotation resumed from a copy of the state file (another machine that has it): refused too.
        var copy = Path.Combine(clusters.Directory, "copy.db");
        File.Copy(clusters.StatePath, copy);
        File.Copy(clusters.StatePath + ".key", copy + ".key");
        var copied = await OrchestratorProcess.RunAsync(["resume", "--state", copy]);
        Assert.True(copied.ExitCode == 4, copied.ToString());
        Assert.Contains("another process is running this rotation", copied.Error, StringComparison.Ordinal);

        Assert.Equal(secretWrites, SecretWrites(clusters));
        first.Signal(Signals.Terminate);
        Assert.Equal(130, (await first.WaitForExitAsync(TimeSpan.FromMinutes(1))).ExitCode);
        Assert.True(Lease(clusters, "region1").Spec.HolderIdentity is null, "the first released its Lease when it stopped");
    }

    private static int SecretWrites(SimulatedClusters clusters) =>
        clusters.OrchestratorWrites().Count(line => line["resource"]!.GetValue<string>() == "secrets");

    [Fact]
    public async Task LiveLeaseOfAnotherOrchestrator_RefusedEvenWithForce_ExpiredOneTakenOnlyWithForce()
    {
        await using var clusters = await SimulatedClusters.StartAsync(1, pods: 1);
        // Nothing renews this holder's Lease: it lasts long enough to be still live when a slow start of the
        // orchestrator reads it, which a 30 s Lease renewed only once need not be on a busy machine.
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        PutLease(clusters, "rot-elsewhere@another-host:7", now, TimeSpan.FromMinutes(10));

        var live = await OrchestratorProcess.RunAsync(["start-rotation", "--spec", clusters.WriteSpec(), "--state", clusters.StatePath, "--force-takeover"]);

        Assert.True(live.ExitCode == 4, live.ToString());
        Assert.Contains("held by rot-elsewhere@another-host:7", live.Error, StringComparison.Ordinal);
        Assert.Contains("expires at", live.Error, StringComparison.Ordinal);
        Assert.Empty(clusters.OrchestratorWrites());

        PutLease(clusters, "rot-elsewhere@another-host:7", now.AddMinutes(-10), TimeSpan.FromSeconds(30));
        var expired = await OrchestratorProcess.RunAsync(["start-rotation", "--spec", clusters.WriteSpec(), "--state", clusters.StatePath]);
        Assert.True(expired.ExitCode == 4, expired.ToString());
        Assert.Contains("--force-takeover", expired.Error, StringComparison.Ordinal);
        Assert.Empty(clusters.OrchestratorWrites());

        var forced = await OrchestratorProcess.RunAsync(["start-rotation", "--spec", clusters.WriteSpec(), "--state", clusters.StatePath, "--force-takeover"]);
        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.Null(Lease(clusters, "region1").Spec.HolderIdentity);
    }

    [Fact]
    public async Task Holder_KilledDuringTheRotation_ResumeOfTheSameRotationTakesItsLeaseAtOnce()
    {
        await using var clusters = await SimulatedClusters.StartAsync(1, pods: 1);
        using (var first = OrchestratorProcess.Start(["start-rotation", "--spec", clusters.WriteSpec(), "--state", clusters.StatePath]))
        {
            await first.WaitForLineAsync(line => line.StartsWith("[3/7] wait-rollout", StringComparison.Ordinal), TimeSpan.FromMinutes(2));
            first.Signal(Signals.Kill);
            await first.WaitForExitAsync(TimeSpan.FromMinutes(1));
        }

        Assert.StartsWith("rot-", Lease(clusters, "region1").Spec.HolderIdentity, StringComparison.Ordinal);
        var resumed = await OrchestratorProcess.RunAsync(["resume", "--state", clusters.StatePath]);

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
    }

    private static V1Lease Lease(SimulatedClusters clusters, string region) =>
        clusters.Store(region).Get(ResourceTypes.Leases, SimulatedClusters.Namespace, LeaseName)!.As<V1Lease>();

    private static void PutLease(SimulatedClusters clusters, string holder, DateTime renewed, TimeSpan duration)
    {
        var store = clusters.Store("region1");
        var lease = new V1Lease
        {
            Metadata = new V1ObjectMeta { Name = LeaseName },
            Spec = new V1LeaseSpec { HolderIdentity = holder, LeaseDurationSeconds = (int)duration.TotalSeconds, AcquireTime = renewed, RenewTime = renewed },
        };
        if (store.Get(ResourceTypes.Leases, SimulatedClusters.Namespace, LeaseName) is null)
        {
            store.Create(ResourceTypes.Leases, SimulatedClusters.Namespace, lease);
        }
        else
        {
            store.Update(ResourceTypes.Leases, SimulatedClusters.Namespace, LeaseName, lease);
        }
    }
}
