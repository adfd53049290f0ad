using System.Text.Json.Nodes;
using k8s.Models;
using Orchestrator.Cli.Tests.Support;
using Orchestrator.Crypto.Certificates;
using Orchestrator.Simulator.Storage;

namespace Orchestrator.Cli.Tests.EndToEnd;

/// <summary>Whole rotations by the real <c>orchestrator</c> process against simulated regions over HTTPS.</summary>
public sealed class RotationTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task StartRotation_NRegions_EndsOnTheNewCaAloneWithEveryPodReplacedOncePerPhase(int regions)
    {
        await using var clusters = await SimulatedClusters.StartAsync(regions, datacenters: 2, pods: 2);
        var oldCa = clusters.SecretData("region1")["ca.crt"];
        var recorders = clusters.RegionNames.ToDictionary(region => region, region => clusters.Store(region).Watch(ResourceTypes.Pods, ObjectFilter.Everything, clusters.Store(region).CurrentResourceVersion));

        var outcome = await OrchestratorProcess.RunAsync(["start-rotation", "--spec", clusters.WriteSpec(), "--state", clusters.StatePath]);

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        foreach (var region in clusters.RegionNames)
        {
            var data = clusters.SecretData(region);
            Assert.Equal(["ca.crt", "ca.key"], data.Keys.Order());
            Assert.Equal("O=ca2", PemCertificates.Describe(data["ca.crt"]).Subject);
            Assert.NotEqual(oldCa, data["ca.crt"]);
            Assert.True(PemCertificates.KeyMatchesCertificate(data["ca.crt"], data["ca.key"]));

            // Three phases: every pod recreated exactly three times.
            var creations = new Dictionary<string, int>();
            while (recorders[region].Events.TryRead(out var change))
            {
                if (change.Kind == WatchEventKind.Added)
                {
                    creations[change.Object.Name] = creations.GetValueOrDefault(change.Object.Name) + 1;
                }
            }

            Assert.Equal(4, creations.Count);
            Assert.All(creations, pair => Assert.Equal(3, pair.Value));
        }

        Assert.Empty(clusters.TrustLines());
        var secretUpdates = clusters.OrchestratorWrites().Where(line => line["resource"]!.GetValue<string>() == "secrets").ToList();
        var expectedOrder = Enumerable.Range(0, 3).SelectMany(_ => clusters.RegionNames).ToList();
        Assert.Equal(expectedOrder, secretUpdates.Select(line => line["region"]!.GetValue<string>()));
        Assert.All(secretUpdates, line => Assert.Equal(("update", 200), (line["verb"]!.GetValue<string>(), line["code"]!.GetValue<int>())));

        var status = JsonNode.Parse((await OrchestratorProcess.RunAsync(["status", "--state", clusters.StatePath, "--output", "json"])).Output)!;
        Assert.Equal("Succeeded", status["state"]!.GetValue<string>());
        Assert.Equal(1 + (6 * regions), status["steps"]!.AsArray().Count);
        Assert.All(status["steps"]!.AsArray(), step => Assert.Equal("Succeeded", step!["status"]!.GetValue<string>()));
        foreach (var recorder in recorders.Values)
        {
            recorder.Dispose();
        }
    }

    [Fact]
    public async Task StartRotation_StuckPod_FailsNamingTheStatefulSetAndPodThenResumeFinishes()
    {
        await using var clusters = await SimulatedClusters.StartAsync(1);
        clusters.Faults("region1").Replace(new Simulator.Faults.FaultSettings { StuckPods = ["example-cluster-cassandra-dc1-1"] });

        var failed = await OrchestratorProcess.RunAsync(["start-rotation", "--spec", clusters.WriteSpec(timeout: "8s"), "--state", clusters.StatePath]);

        Assert.True(failed.ExitCode == 3, failed.ToString());
        var status = JsonNode.Parse((await OrchestratorProcess.RunAsync(["status", "--state", clusters.StatePath, "-o", "json"])).Output)!;
        Assert.Equal("Failed", status["state"]!.GetValue<string>());
        var step = status["steps"]!.AsArray().Single(candidate => candidate!["status"]!.GetValue<string>() == "Failed")!;
        Assert.Equal(("wait-rollout", "region1"), (step["name"]!.GetValue<string>(), step["region"]!.GetValue<string>()));
        var error = step["error"]!.GetValue<string>();
        Assert.Contains("StatefulSet example-cluster-cassandra-dc1", error, StringComparison.Ordinal);
        Assert.Contains("example-cluster-cassandra-dc1-1", error, StringComparison.Ordinal);

        clusters.Faults("region1").Replace(Simulator.Faults.FaultSettings.None);
        var resumed = await OrchestratorProcess.RunAsync(["resume", "--state", clusters.StatePath]);

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Empty(clusters.TrustLines());
        Assert.Equal(3, clusters.OrchestratorWrites().Count(line => line["resource"]!.GetValue<string>() == "secrets"));
    }

    [Fact]
    public async Task StatusAndList_TextAndJson_ShowTheRotation()
    {
        await using var clusters = await SimulatedClusters.StartAsync(1, pods: 1);
        var started = await OrchestratorProcess.RunAsync(["start-rotation", "--spec", clusters.WriteSpec(), "--state", clusters.StatePath]);
        Assert.True(started.ExitCode == 0, started.ToString());

        var list = JsonNode.Parse((await OrchestratorProcess.RunAsync(["list", "--state", clusters.StatePath, "--output", "json"])).Output)!.AsArray();
        var summary = Assert.Single(list)!;
        Assert.Equal(["cluster", "createdAt", "id", "state", "updatedAt"], summary.AsObject().Select(pair => pair.Key).Order());
        var text = await OrchestratorProcess.RunAsync(["status", summary["id"]!.GetValue<string>(), "--state", clusters.StatePath]);
        Assert.Contains("Succeeded", text.Output, StringComparison.Ordinal);
        Assert.Contains("promote-new-ca", text.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", text.Output + started.Output + started.Error, StringComparison.Ordinal);
        var listText = await OrchestratorProcess.RunAsync(["list", "--state", clusters.StatePath]);
        Assert.Contains(summary["id"]!.GetValue<string>(), listText.Output, StringComparison.Ordinal);
    }
}
