using System.Text.Json.Nodes;
using Orchestrator.Cli.Tests.Support;
using Orchestrator.Simulator.Faults;

namespace Orchestrator.Cli.Tests.Reliability;

/// <summary>
/// A region whose API server fails for longer than the step may retry: the run stops at that step without going ahead
/// anywhere else, and resume finishes it once the region is back.
/// </summary>
public sealed class UnreachableRegionTests
{
    /// <summary>
    /// The step timeout, for the failing step and every wait alike (it is the rotation's). Each wait includes the
    /// simulated operator issuing a node keypair (RSA 2048, in process), which alone takes 1-3 s on a small machine
    /// busy with other tests: 3 s failed waits that had nothing wrong with them.
    /// </summary>
    private const string StepTimeout = "10s";

    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task StartRotation_RegionFailingLongerThanTheStepTimeout_StopsThereAndResumeFinishes()
    {
        await using var clusters = await SimulatedClusters.StartAsync(2, pods: 2);

        // The preflight reads region2's Secret too, and would refuse to start (exit 2) with the fault already there. A
        // paused operator holds region1's first wait until region2 fails every read, so step 4 is the first to meet it.
        clusters.Faults("region1").Replace(new FaultSettings { OperatorPaused = true });
        using var run = OrchestratorProcess.Start(["start-rotation", "--spec", clusters.WriteSpec(timeout: StepTimeout), "--state", clusters.StatePath]);
        await run.WaitForLineAsync(line => line.StartsWith("[3/13] wait-rollout region1: wait", StringComparison.Ordinal), Patience);
        clusters.Faults("region2").Replace(new FaultSettings { FailRequests = [new RequestFailure { Verb = "get", Resource = "secrets", Code = 503, Count = 1_000_000 }] });
        clusters.Faults("region1").Replace(FaultSettings.None);

        var failed = await run.WaitForExitAsync(Patience);

        Assert.True(failed.ExitCode == 3, failed.ToString());
        var status = await clusters.StatusAsync();
        Assert.Equal("Failed", status["state"]!.GetValue<string>());
        var steps = status["steps"]!.AsArray();
        Assert.Equal(["Succeeded", "Succeeded", "Succeeded", "Failed"], steps.Take(4).Select(step => step!["status"]!.GetValue<string>()));
        Assert.All(steps.Skip(4), step => Assert.Equal("Pending", step!["status"]!.GetValue<string>()));
        Assert.Equal(("add-new-ca", "region2"), (steps[3]!["name"]!.GetValue<string>(), steps[3]!["region"]!.GetValue<string>()));
        Assert.Contains($"region2: no success within {StepTimeout}", steps[3]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(clusters.Log.InjectedFailures("region2", 503, "get", "secrets").Count > 1);

        // Nothing went ahead of the plan: region1 was written once (step 2), region2 never.
        Assert.Equal(["region1:200"], clusters.ClusterWrites().Select(Describe));

        clusters.Faults("region2").Replace(FaultSettings.None);
        var resumed = await OrchestratorProcess.RunAsync(["resume", "--state", clusters.StatePath]);

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Equal(["region1:200", "region2:200", "region1:200", "region2:200", "region1:200", "region2:200"], clusters.ClusterWrites().Select(Describe));
        Assert.All(clusters.ClusterWrites(), line => Assert.Equal(("update", "secrets"), (line["verb"]!.GetValue<string>(), line["resource"]!.GetValue<string>())));
        Assert.Empty(clusters.TrustLines());
    }

    private static string Describe(JsonNode line) => $"{line["region"]}:{line["code"]}";
}
