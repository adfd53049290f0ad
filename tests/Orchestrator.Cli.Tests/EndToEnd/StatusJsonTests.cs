using System.Text.Json.Nodes;
using Orchestrator.Cli.Tests.Support;
using Orchestrator.Simulator.Faults;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests.EndToEnd;

/// <summary><c>status --output json</c> carries at least what the text shows: a running wait's progress, the reason a rotation stopped, its CAs.</summary>
public sealed class StatusJsonTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task StatusJson_WhileAWaitRunsAndAfterItFails_CarriesProgressReasonAndCas()
    {
        await using var clusters = await SimulatedClusters.StartAsync(1, datacenters: 2, pods: 2);
        clusters.Faults("region1").Replace(new FaultSettings { StuckPods = ["example-cluster-cassandra-dc2-1"] });
        using var run = OrchestratorProcess.Start(["start-rotation", "--spec", clusters.WriteSpec(timeout: "20s"), "--state", clusters.StatePath]);
        await run.WaitForLineAsync(line => line.StartsWith("[3/7] wait-rollout region1", StringComparison.Ordinal), Patience);

        JsonNode? running = null;
        await Polling.UntilAsync(
            async () =>
            {
                running = JsonNode.Parse((await OrchestratorProcess.RunAsync(["status", "--state", clusters.StatePath, "-o", "json"])).Output)!;
                return running["steps"]![2]!["progress"]?["statefulSets"]?.AsArray().Any(set => set!["name"]!.GetValue<string>().EndsWith("dc1", StringComparison.Ordinal) && set["replacedAndReady"]!.GetValue<int>() == 2) == true;
            },
            "status shows the wait's progress",
            Patience);

        var progress = running!["steps"]![2]!["progress"]!;
        Assert.Equal("Rollout", progress["waitingFor"]!.GetValue<string>());
        Assert.Equal("pods to be replaced", progress["waiting"]!.GetValue<string>());
        var dc2 = progress["statefulSets"]!.AsArray().Single(set => set!["name"]!.GetValue<string>() == "example-cluster-cassandra-dc2")!;
        Assert.Equal((0, 2), (dc2["replacedAndReady"]!.GetValue<int>(), dc2["total"]!.GetValue<int>()));
        Assert.Contains("replaced but not Ready: example-cluster-cassandra-dc2-1", progress["diagnosis"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(progress["observedAt"]);
        Assert.Equal("O=ca1", running["oldCa"]!["subject"]!.GetValue<string>());
        Assert.Equal("O=ca2", running["newCa"]!["subject"]!.GetValue<string>());
        Assert.Matches("^([0-9A-F]{2}:){31}[0-9A-F]{2}$", running["newCa"]!["sha256Fingerprint"]!.GetValue<string>());
        Assert.Equal(["region1"], running["regions"]!.AsArray().Select(region => region!.GetValue<string>()));
        Assert.Equal(("anton", "example-cluster-manual-tls-ca", "ca2.crt"), (running["secret"]!["namespace"]!.GetValue<string>(), running["secret"]!["name"]!.GetValue<string>(), running["secret"]!["extraEntry"]!.GetValue<string>()));
        Assert.Equal("20s", running["rolloutTimeout"]!.GetValue<string>());
        Assert.Equal("wrote ca.crt/ca.key = old CA, ca2.crt = new CA", running["steps"]![1]!["detail"]!.GetValue<string>());

        Assert.Equal(3, (await run.WaitForExitAsync(Patience)).ExitCode);
        var failed = await clusters.StatusAsync();
        Assert.StartsWith("step 3 (wait-rollout region1) failed: region1: rollout not complete after 20s", failed["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(failed["steps"]![2]!["progress"]);
        Assert.Equal($"orchestrator resume {failed["id"]} --state {clusters.StatePath}", failed["resumeWith"]!.GetValue<string>());
    }
}
