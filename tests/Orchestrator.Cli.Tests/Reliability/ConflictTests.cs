using Orchestrator.Cli.Tests.Support;
using Orchestrator.Simulator.Faults;

namespace Orchestrator.Cli.Tests.Reliability;

/// <summary>A 409 Conflict on the conditional write of the CA Secret: read again, decide again, write once.</summary>
public sealed class ConflictTests
{
    [Fact]
    public async Task StartRotation_ConflictOnASecretUpdate_ReadsAgainAndWritesOnce()
    {
        await using var clusters = await SimulatedClusters.StartAsync(2, pods: 2);
        clusters.Faults("region2").Replace(new FaultSettings { FailRequests = [new RequestFailure { Verb = "update", Resource = "secrets", Code = 409, Count = 1 }] });

        var outcome = await OrchestratorProcess.RunAsync(["start-rotation", "--spec", clusters.WriteSpec(), "--state", clusters.StatePath]);

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Empty(clusters.Faults("region2").Current.FailRequests);

        // Step 4 (add-new-ca region2) got the 409, then wrote once; no other update was refused or repeated.
        var updates = clusters.SecretUpdates().Select(line => (line["region"]!.GetValue<string>(), line["code"]!.GetValue<int>()));
        Assert.Equal([("region1", 200), ("region2", 409), ("region2", 200), ("region1", 200), ("region2", 200), ("region1", 200), ("region2", 200)], updates);
        Assert.Contains("region2: Secret example-cluster-manual-tls-ca changed between read and write (409 Conflict); reading it again", outcome.Error, StringComparison.Ordinal);
        Assert.Equal(clusters.SecretUpdates().Count, clusters.ClusterWrites().Count);
        var step = (await clusters.StatusAsync())["steps"]![3]!;
        Assert.Equal(("add-new-ca", "region2", "Succeeded", 1), (step["name"]!.GetValue<string>(), step["region"]!.GetValue<string>(), step["status"]!.GetValue<string>(), step["attempts"]!.GetValue<int>()));
        Assert.Empty(clusters.TrustLines());
    }
}
