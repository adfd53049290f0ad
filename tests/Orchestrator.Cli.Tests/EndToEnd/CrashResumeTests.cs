using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Orchestrator.Cli.Tests.Support;
using Orchestrator.Crypto.Certificates;

namespace Orchestrator.Cli.Tests.EndToEnd;

/// <summary>
/// The orchestrator killed with SIGKILL at many moments (no chance to save anything), then resumed, again and again:
/// the rotation always ends Succeeded, no Secret content is ever written twice, and trust never breaks.
/// </summary>
public sealed class CrashResumeTests
{
    [Fact]
    public async Task Sigkill_AtManyMomentsThenResume_AlwaysSucceedsWithEveryWriteOnce()
    {
        await using var clusters = await SimulatedClusters.StartAsync(2, pods: 2);
        var spec = clusters.WriteSpec();
        var random = new Random(20261130);
        var kills = 0;
        string[] command = ["start-rotation", "--spec", spec, "--state", clusters.StatePath];
        for (var run = 0; run < 40; run++)
        {
            using var process = OrchestratorProcess.Start(command);
            if (run % 2 == 0)
            {
                // Right after a Secret write lands: the window between the write and its "done" mark.
                var writesBefore = SecretWrites(clusters);
                await WaitForAsync(() => SecretWrites(clusters) > writesBefore || process.HasExited);
            }
            else
            {
                // At a random moment, but never more than two steps on: on a fast machine a resumed rotation ends
                // within the longer delays, and the test would see it succeed before enough kills had landed.
                var delay = TimeSpan.FromMilliseconds(random.Next(200, 3000));
                var steps = random.Next(1, 5);
                await PollAsync(() => StepLines(process) >= steps || process.HasExited, delay);
            }

            if (!process.HasExited)
            {
                process.Signal(Signals.Kill);
                kills++;
            }

            var outcome = await process.WaitForExitAsync(TimeSpan.FromMinutes(2));
            if (outcome.ExitCode == 0)
            {
                break;
            }

            // Killed before the rotation was even created: start again, taking over the Leases the dead process may
            // have taken (as its refusal tells a user to); otherwise resume it.
            var created = (await OrchestratorProcess.RunAsync(["list", "--state", clusters.StatePath, "-o", "json"])).Output.Contains("\"id\"", StringComparison.Ordinal);
            command = created ? ["resume", "--state", clusters.StatePath] : ["start-rotation", "--spec", spec, "--state", clusters.StatePath, "--force-takeover"];
        }

        var final = await OrchestratorProcess.RunAsync(["resume", "--state", clusters.StatePath]);
        var status = JsonNode.Parse((await OrchestratorProcess.RunAsync(["status", "--state", clusters.StatePath, "-o", "json"])).Output)!;
        Assert.Equal("Succeeded", status["state"]!.GetValue<string>());
        Assert.True(kills >= 4, $"only {kills} kills landed before the rotation finished");
        Assert.Equal(2, final.ExitCode);

        // Each of the 6 Secret contents was written exactly once, in plan order.
        var writes = clusters.OrchestratorWrites().Where(line => line["resource"]!.GetValue<string>() == "secrets" && line["code"]!.GetValue<int>() == 200).ToList();
        Assert.Equal(["region1", "region2", "region1", "region2", "region1", "region2"], writes.Select(line => line["region"]!.GetValue<string>()));
        Assert.Empty(clusters.TrustLines());
        foreach (var region in clusters.RegionNames)
        {
            var data = clusters.SecretData(region);
            Assert.Equal(["ca.crt", "ca.key"], data.Keys.Order());
            Assert.Equal("O=ca2", PemCertificates.Describe(data["ca.crt"]).Subject);
        }
    }

    /// <summary>The lines this process printed as a step started or ended ("[3/13] wait-rollout region1: ...").</summary>
    private static int StepLines(OrchestratorProcess process) =>
        process.OutputLines.Count(line => line.StartsWith('[') && line.Contains("/13] ", StringComparison.Ordinal));

    private static int SecretWrites(SimulatedClusters clusters) =>
        clusters.OrchestratorWrites().Count(line => line["resource"]!.GetValue<string>() == "secrets");

    private static async Task WaitForAsync(Func<bool> condition)
    {
        if (!await PollAsync(condition, TimeSpan.FromSeconds(60)))
        {
            throw new TimeoutException("no Secret write within a minute, and the orchestrator still running");
        }
    }

    /// <summary>Looks every few milliseconds until the condition holds (true) or the time is up (false).</summary>
    private static async Task<bool> PollAsync(Func<bool> condition, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed >= limit)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(5), TestContext.Current.CancellationToken);
        }

        return true;
    }
}
