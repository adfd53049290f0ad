using System.Text;
using k8s.Models;
using Orchestrator.Cli.Tests.Support;
using Orchestrator.Simulator.Faults;
using Orchestrator.Simulator.Storage;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests.Reliability;

/// <summary>
/// The CA Secret is changed by hand while a wait follows the rollout of the step that wrote it. The operator acts on
/// what the Secret holds, so the acknowledgement of the step's data will never come: a change to the CA entries stops
/// the wait at once, saying which, without blaming the operator, and so does <c>resume</c>; a change to another entry
/// is followed, as the operator follows it.
/// </summary>
/// <remarks>The rollout timeout is long on purpose: a wait that sat it out would outlast the test's patience.</remarks>
public sealed class SecretChangedDuringWaitTests
{
    private const string StuckPod = "example-cluster-cassandra-dc1-0";
    private const string Timeout = "30m";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task StartRotation_ExtraEntryRemovedDuringTheWait_StopsAtOnceNamingItAndResumeSaysTheSame()
    {
        await using var clusters = await SimulatedClusters.StartAsync(1, pods: 2);
        clusters.Faults("region1").Replace(new FaultSettings { StuckPods = [StuckPod] });
        using var run = OrchestratorProcess.Start(["start-rotation", "--spec", clusters.WriteSpec(timeout: Timeout), "--state", clusters.StatePath]);
        await run.WaitForErrorLineAsync(line => line.Contains("1/2 replaced and Ready; waiting for replaced pods to become Ready", StringComparison.Ordinal), Patience);

        clusters.ChangeSecret("region1", data => data.Remove("ca2.crt"));
        var outcome = await run.WaitForExitAsync(Patience);

        Assert.True(outcome.ExitCode == 3, outcome.ToString());
        var wait = (await clusters.StatusAsync())["steps"]![2]!;
        Assert.Equal(("wait-rollout", "Failed"), (wait["name"]!.GetValue<string>(), wait["status"]!.GetValue<string>()));
        var error = wait["error"]!.GetValue<string>();
        AssertNamesTheChange(error);

        clusters.Faults("region1").Replace(FaultSettings.None);
        var resumed = await OrchestratorProcess.RunAsync(["resume", "--state", clusters.StatePath], timeout: Patience);

        Assert.True(resumed.ExitCode == 3, resumed.ToString());
        var again = (await clusters.StatusAsync())["steps"]![2]!;
        Assert.Equal(2, again["attempts"]!.GetValue<int>());
        AssertNamesTheChange(again["error"]!.GetValue<string>());
        Assert.Single(clusters.SecretUpdates());
        Assert.Equal(["ca.crt", "ca.key"], clusters.SecretData("region1").Keys.Order());
    }

    [Fact]
    public async Task StartRotation_AnotherEntryChangedDuringTheWait_FollowsTheOperatorAndSucceeds()
    {
        await using var clusters = await SimulatedClusters.StartAsync(1, pods: 2);
        clusters.Faults("region1").Replace(new FaultSettings { StuckPods = [StuckPod] });
        using var run = OrchestratorProcess.Start(["start-rotation", "--spec", clusters.WriteSpec(timeout: Timeout), "--state", clusters.StatePath]);
        await run.WaitForErrorLineAsync(line => line.Contains("1/2 replaced and Ready; waiting for replaced pods to become Ready", StringComparison.Ordinal), Patience);

        var acknowledged = Acknowledged(clusters);
        clusters.ChangeSecret("region1", data => data["note.txt"] = Encoding.UTF8.GetBytes("rotated by the platform team"));

        // Once the operator has acted on the edited Secret, the step's own data can no longer be acknowledged.
        await Polling.UntilAsync(() => Acknowledged(clusters) != acknowledged, "the operator acknowledges the edited Secret", Patience);
        clusters.Faults("region1").Replace(FaultSettings.None);
        var outcome = await run.WaitForExitAsync(Patience);

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Equal([200, 200, 200], clusters.SecretUpdates().Select(line => line["code"]!.GetValue<int>()));
        Assert.Equal(["ca.crt", "ca.key", "note.txt"], clusters.SecretData("region1").Keys.Order());
        Assert.Empty(clusters.TrustLines());
    }

    private static string? Acknowledged(SimulatedClusters clusters) =>
        clusters.Store("region1").Get(ResourceTypes.Secrets, SimulatedClusters.Namespace, SimulatedClusters.CaSecret)!
            .As<V1Secret>().Metadata.Annotations?.TryGetValue("cassandra-cluster-checksum", out var checksum) == true ? checksum : null;

    private static void AssertNamesTheChange(string error)
    {
        Assert.Contains("region1: Secret anton/example-cluster-manual-tls-ca was changed while waiting for the rollout of step 2 (add-new-ca region1): ca2.crt was removed", error, StringComparison.Ordinal);
        Assert.Contains("was not overwritten", error, StringComparison.Ordinal);
        Assert.DoesNotContain("not acknowledged", error, StringComparison.Ordinal);
    }
}
