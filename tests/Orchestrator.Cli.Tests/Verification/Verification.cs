using System.Text.Json.Nodes;
using Orchestrator.Cli.Tests.Support;

namespace Orchestrator.Cli.Tests.Verification;

/// <summary>Runs <c>orchestrator verify</c> and checks what every verify must be: a read that changes nothing.</summary>
internal static class Verification
{
    /// <param name="alone">No other client is at work: then nothing at all may be written while verify runs.</param>
    /// <param name="options">More options of verify, such as <c>--expiring-within</c>.</param>
    public static async Task<(ProcessOutcome Outcome, JsonNode Json)> RunAsync(
        SimulatedClusters clusters,
        string spec,
        int expectedExit = 0,
        string output = "json",
        string? state = null,
        bool alone = true,
        string[]? options = null)
    {
        var writesBefore = clusters.AuditLines().Count;
        var outcome = await OrchestratorProcess.RunAsync(["verify", "--spec", spec, "--state", state ?? clusters.StatePath, "--output", output, .. options ?? []]);

        Assert.True(outcome.ExitCode == expectedExit, outcome.ToString());
        var writes = clusters.AuditLines();
        Assert.True(!alone || writesBefore == writes.Count, $"verify sent mutating requests:\n{string.Join('\n', writes.Skip(writesBefore))}");
        Assert.DoesNotContain(writes, line => line["userAgent"]!.GetValue<string>().StartsWith("orchestrator-verify/", StringComparison.Ordinal));
        Assert.DoesNotContain("PRIVATE KEY", outcome.Output + outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("BEGIN", outcome.Output + outcome.Error, StringComparison.Ordinal);
        return (outcome, output == "json" && expectedExit != 2 ? JsonNode.Parse(outcome.Output)! : new JsonObject());
    }

    public static List<JsonNode> Regions((ProcessOutcome Outcome, JsonNode Json) verify) =>
        verify.Json["regions"]!.AsArray().Select(region => region!).ToList();

    /// <summary>Exit 0 and every region in <paramref name="phase"/>, its entries (ca.crt first) of these subjects, acknowledged, its node Secret matching.</summary>
    public static void AssertAgreed((ProcessOutcome Outcome, JsonNode Json) verify, string phase, string[][] subjects)
    {
        var json = verify.Json;
        Assert.True(
            (json["phase"]?.GetValue<string>(), json["consistent"]!.GetValue<bool>(), json["ok"]!.GetValue<bool>()) == (phase, true, true),
            verify.Outcome.ToString());
        Assert.Empty(json["problems"]!.AsArray());
        var regions = Regions(verify);
        Assert.Equal(["region1", "region2"], regions.Select(region => region["name"]!.GetValue<string>()));
        for (var i = 0; i < regions.Count; i++)
        {
            var region = regions[i];
            Assert.Equal(phase, region["phase"]!.GetValue<string>());
            Assert.Equal(subjects[i], region["entries"]!.AsArray().Select(entry => entry!["subject"]!.GetValue<string>()));
            Assert.All(region["entries"]!.AsArray(), entry => Assert.Matches("^([0-9A-F]{2}:){31}[0-9A-F]{2}$", entry!["sha256"]!.GetValue<string>()));
            Assert.True(region["operatorAcknowledged"]!.GetValue<bool>());
            var node = region["nodeTls"]!;
            Assert.Equal(("example-cluster-cluster-tls-node", "ca.crt", true, true), (node["secret"]!.GetValue<string>(), node["signedBy"]!.GetValue<string>(), node["truststoreComplete"]!.GetValue<bool>(), node["matches"]!.GetValue<bool>()));
            Assert.Equal(subjects[i][0], node["issuer"]!.GetValue<string>());
            Assert.Equal("example-cluster-cassandra-dc1", Assert.Single(region["statefulSets"]!.AsArray())!["name"]!.GetValue<string>());
            Assert.Empty(region["problems"]!.AsArray());
        }
    }
}
