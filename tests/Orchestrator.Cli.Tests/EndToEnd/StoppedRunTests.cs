using System.Diagnostics;
using System.Text.Json.Nodes;
using Orchestrator.Cli.Tests.Support;
using Orchestrator.Simulator.Faults;

namespace Orchestrator.Cli.Tests.EndToEnd;

/// <summary>
/// <c>status</c>, <c>list</c> and <c>resume</c> tell a rotation that a process runs from one whose process is gone,
/// and every command they print for the user to run reaches the same state file.
/// </summary>
public sealed class StoppedRunTests
{
    private const string StuckPod = "example-cluster-cassandra-dc1-0";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task StatusAndList_AfterTheRunWasKilled_ShowItStoppedAndHowToResume()
    {
        await using var clusters = await SimulatedClusters.StartAsync(1, pods: 2);
        clusters.Faults("region1").Replace(new FaultSettings { StuckPods = [StuckPod] });
        using (var run = OrchestratorProcess.Start(["start-rotation", "--spec", clusters.WriteSpec(timeout: "10m"), "--state", clusters.StatePath]))
        {
            await run.WaitForErrorLineAsync(line => line.Contains("1/2 replaced and Ready", StringComparison.Ordinal), Patience);
            run.Signal(Signals.Kill);
            await run.WaitForExitAsync(Patience);
        }

        var text = await OrchestratorProcess.RunAsync(["status", "--state", clusters.StatePath]);
        var json = JsonNode.Parse((await OrchestratorProcess.RunAsync(["status", "--state", clusters.StatePath, "-o", "json"])).Output)!;
        var list = await OrchestratorProcess.RunAsync(["list", "--state", clusters.StatePath]);
        var listed = JsonNode.Parse((await OrchestratorProcess.RunAsync(["list", "--state", clusters.StatePath, "-o", "json"])).Output)!.AsArray().Single()!;

        var id = json["id"]!.GetValue<string>();
        Assert.Contains($"Rotation {id}: Failed (not running)", text.Output, StringComparison.Ordinal);
        Assert.Contains("Reason:   not running: its process ended without saving; resume to continue", text.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Now:", text.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("left before its timeout", text.Output, StringComparison.Ordinal);
        Assert.Contains($"run: orchestrator resume {id} --state {clusters.StatePath}", text.Output, StringComparison.Ordinal);
        Assert.Equal(("Failed", "not running: its process ended without saving; resume to continue"), (json["state"]!.GetValue<string>(), json["reason"]!.GetValue<string>()));
        Assert.Equal("Failed", json["steps"]![2]!["status"]!.GetValue<string>());
        Assert.Null(json["runner"]);
        Assert.Matches($@"{id}\s+Failed\s+example-cluster\s+.*not running", list.Output);
        Assert.Equal("Failed", listed["state"]!.GetValue<string>());

        clusters.Faults("region1").Replace(FaultSettings.None);
        var resumed = await OrchestratorProcess.RunAsync(["resume", "--state", clusters.StatePath], timeout: Patience);
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
    }

    [Fact]
    public async Task StatusAndResume_WhileAProcessRunsIt_NameItAndNeverAdviseResume()
    {
        await using var clusters = await SimulatedClusters.StartAsync(1, pods: 2);
        clusters.Faults("region1").Replace(new FaultSettings { StuckPods = [StuckPod] });
        using var run = OrchestratorProcess.Start(["start-rotation", "--spec", clusters.WriteSpec(timeout: "10m"), "--state", clusters.StatePath]);
        await run.WaitForErrorLineAsync(line => line.Contains("1/2 replaced and Ready", StringComparison.Ordinal), Patience);

        var status = await OrchestratorProcess.RunAsync(["status", "--state", clusters.StatePath]);
        var json = JsonNode.Parse((await OrchestratorProcess.RunAsync(["status", "--state", clusters.StatePath, "-o", "json"])).Output)!;
        var resume = await OrchestratorProcess.RunAsync(["resume", "--state", clusters.StatePath]);

        Assert.Contains($"Run by:   pid {run.Id} on host", status.Output, StringComparison.Ordinal);
        Assert.Contains("Now:      step 3 (wait-rollout region1)", status.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("orchestrator resume", status.Output, StringComparison.Ordinal);
        Assert.Equal("Running", json["state"]!.GetValue<string>());
        Assert.Contains($"pid {run.Id}", json["runner"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(json["resumeWith"]);
        Assert.True(resume.ExitCode == 4, resume.ToString());
        Assert.Empty(resume.Output);
        Assert.Contains($"pid {run.Id}", resume.Error, StringComparison.Ordinal);
        run.Signal(Signals.Terminate);
        Assert.Equal(130, (await run.WaitForExitAsync(Patience)).ExitCode);
    }

    [Fact]
    public async Task Interrupt_SaysInterruptedInStatusHistoryAndLog()
    {
        await using var clusters = await SimulatedClusters.StartAsync(1, pods: 2);
        clusters.Faults("region1").Replace(new FaultSettings { StuckPods = [StuckPod] });
        using var run = OrchestratorProcess.Start(["start-rotation", "--spec", clusters.WriteSpec(timeout: "10m"), "--state", clusters.StatePath]);
        await run.WaitForErrorLineAsync(line => line.Contains("1/2 replaced and Ready", StringComparison.Ordinal), Patience);

        run.Signal(Signals.Interrupt);
        var stopped = await run.WaitForExitAsync(Patience);
        var status = await OrchestratorProcess.RunAsync(["status", "--state", clusters.StatePath]);
        var id = (await clusters.StatusAsync())["id"]!.GetValue<string>();
        var history = JsonNode.Parse((await OrchestratorProcess.RunAsync(["history", id, "--state", clusters.StatePath, "-o", "json"])).Output)!.AsArray();

        Assert.True(stopped.ExitCode == 130, stopped.ToString());
        Assert.DoesNotContain("fail:", stopped.Error, StringComparison.Ordinal);
        Assert.Contains("interrupted", stopped.Error, StringComparison.Ordinal);
        Assert.Contains(": Failed (interrupted)", status.Output, StringComparison.Ordinal);
        Assert.Equal("Interrupt", history[^1]!["trigger"]!.GetValue<string>());
    }

    [Fact]
    public async Task PrintedCommands_CarryTheStateFile_AndWorkAsPrinted()
    {
        await using var clusters = await SimulatedClusters.StartAsync(1, pods: 2);
        clusters.Faults("region1").Replace(new FaultSettings { StuckPods = [StuckPod] });
        var failed = await OrchestratorProcess.RunAsync(["start-rotation", "--spec", clusters.WriteSpec(timeout: "3s"), "--state", clusters.StatePath], timeout: Patience);
        Assert.True(failed.ExitCode == 3, failed.ToString());
        clusters.Faults("region1").Replace(FaultSettings.None);

        var hint = (await OrchestratorProcess.RunAsync(["status", "--state", clusters.StatePath])).Output
            .Split('\n').Single(line => line.StartsWith("Next: ", StringComparison.Ordinal));
        var command = hint[(hint.IndexOf("run: orchestrator ", StringComparison.Ordinal) + "run: orchestrator ".Length)..];
        var missing = await OrchestratorProcess.RunAsync(["status", "rot-nosuch", "--state", clusters.StatePath]);

        Assert.Contains($"--state {clusters.StatePath}", command, StringComparison.Ordinal);
        Assert.True(missing.ExitCode == 2, missing.ToString());
        Assert.Contains($"no rotation rot-nosuch in state file {clusters.StatePath}; see orchestrator list --state {clusters.StatePath}", missing.Error, StringComparison.Ordinal);

        // Pasted into a shell as printed, from another directory.
        var resumed = await RunInShellAsync($"exec dotnet {OrchestratorProcess.AssemblyPath} {command}");
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
    }

    private static async Task<ProcessOutcome> RunInShellAsync(string command)
    {
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(Patience, TestContext.Current.CancellationToken);
        return new ProcessOutcome(process.ExitCode, await output, await error);
    }
}
