using System.Text.Json.Nodes;
using Orchestrator.Cli.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests.Commands;

public sealed class SimulateCommandTests
{
    [Fact]
    public async Task Simulate_TwoRegions_PrintsReadyWritesFilesAndServesKubectlUntilSigterm()
    {
        using var directory = new TemporaryDirectory();
        using var simulate = OrchestratorProcess.Start(["simulate", "--regions", "2", "--dir", directory.Path, "--pod-restart-ms", "50"]);

        await simulate.WaitForLineAsync(line => line == "ready", TimeSpan.FromMinutes(2));

        var kubeconfig = directory.File("kubeconfig");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(kubeconfig));
        var spec = await File.ReadAllTextAsync(directory.File("rotation.yaml"), TestContext.Current.CancellationToken);
        Assert.Contains("context: region1", spec, StringComparison.Ordinal);
        Assert.Contains("context: region2", spec, StringComparison.Ordinal);
        Assert.Contains("alias: ca2", spec, StringComparison.Ordinal);
        Assert.True(File.Exists(directory.File("audit.jsonl")));
        Assert.True(File.Exists(directory.File("trust.jsonl")));

        var kubectl = ExternalTool.RequirePath("kubectl");
        foreach (var region in new[] { "region1", "region2" })
        {
            var pods = (await ExternalTool.RunAsync(
                kubectl,
                ["--kubeconfig", kubeconfig, "--context", region, "--cache-dir", directory.File("cache"), "get", "pods", "-o", "json"],
                cancellationToken: TestContext.Current.CancellationToken)).AssertSucceeded();
            var items = JsonNode.Parse(pods.StandardOutput)!["items"]!.AsArray();
            Assert.Equal(3, items.Count);
        }

        simulate.Signal(Signals.Terminate);
        var outcome = await simulate.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(0, outcome.ExitCode);
    }

    [Fact]
    public async Task Simulate_DirectoryOfARunningSimulator_Exits2NamingItsPidChangingNothing_AndIsFreeOnceItIsKilled()
    {
        using var directory = new TemporaryDirectory();
        string[] arguments = ["simulate", "--dir", directory.Path, "--pods", "1", "--pod-restart-ms", "10"];
        using var first = OrchestratorProcess.Start(arguments);
        await first.WaitForLineAsync(line => line == "ready", TimeSpan.FromMinutes(2));
        var before = DirectorySnapshot.Of(directory.Path, "simulator.lock");

        var second = await OrchestratorProcess.RunAsync(arguments);

        Assert.Equal(2, second.ExitCode);
        Assert.Equal(
            [$"error: {directory.Path} is in use by another simulator (pid {first.Id}); stop it or choose another --dir"],
            second.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Empty(second.Output);
        Assert.Equal(before, DirectorySnapshot.Of(directory.Path, "simulator.lock"));
        Assert.False(first.HasExited);

        // SIGKILL leaves the simulator no chance to let go: the kernel drops its lock with it.
        first.Signal(Signals.Kill);
        await first.WaitForExitAsync(TimeSpan.FromSeconds(30));
        using var third = OrchestratorProcess.Start(arguments);
        await third.WaitForLineAsync(line => line == "ready", TimeSpan.FromMinutes(2));
        third.Signal(Signals.Terminate);
        Assert.Equal(0, (await third.WaitForExitAsync(TimeSpan.FromSeconds(60))).ExitCode);
    }

    [Theory]
    [InlineData("--regions", "0")]
    [InlineData("--pods", "-1")]
    [InlineData("--ca-validity-days", "0")]
    [InlineData("--regions", "many")]
    public async Task Simulate_BadOption_Exits2WithAMessageAndNoStackTrace(string option, string value)
    {
        using var directory = new TemporaryDirectory();

        var outcome = await OrchestratorProcess.RunAsync(["simulate", "--dir", directory.Path, option, value]);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(option, outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", outcome.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(directory.File("kubeconfig")));
    }
}
