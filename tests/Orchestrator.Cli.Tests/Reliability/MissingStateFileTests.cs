using Orchestrator.Cli.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests.Reliability;

/// <summary>
/// The commands that only read, on a state file that is not there: they create nothing (no file, key or directory).
/// A path given (<c>--state</c>, ORCHESTRATOR_STATE) is meant to exist, and is refused; the built-in default path
/// just means no rotation has been run yet.
/// </summary>
public sealed class MissingStateFileTests
{
    private const string StateVariable = "ORCHESTRATOR_STATE";

    public static TheoryData<string, bool> GivenPaths() => new()
    {
        { "status", false },
        { "list", false },
        { "history", false },
        { "status", true },
        { "list", true },
        { "history", true },
    };

    [Theory]
    [MemberData(nameof(GivenPaths))]
    public async Task Command_GivenPathWithNothingThere_Exits2NamingItAndCreatesNothing(string command, bool fromEnvironment)
    {
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "typo", "state.db");
        var arguments = new List<string> { command };
        if (command == "history")
        {
            arguments.Add("rot-1");
        }

        if (!fromEnvironment)
        {
            arguments.AddRange(["--state", path]);
        }

        var outcome = await OrchestratorProcess.RunAsync(arguments, Environment(directory, fromEnvironment ? path : null));

        Assert.True(outcome.ExitCode == 2, outcome.ToString());
        Assert.Equal($"error: no state file at {path}; check the path, or start a rotation to create it", outcome.Error.Trim());
        Assert.Empty(outcome.Output);
        Assert.Empty(Directory.GetFileSystemEntries(directory.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Commands_DefaultPathBeforeAnyRotation_SayThereIsNoneYetAndCreateNothing()
    {
        using var directory = new TemporaryDirectory();
        var environment = Environment(directory, state: null);

        var list = await OrchestratorProcess.RunAsync(["list"], environment);
        var json = await OrchestratorProcess.RunAsync(["list", "--output", "json"], environment);
        var status = await OrchestratorProcess.RunAsync(["status"], environment);
        var history = await OrchestratorProcess.RunAsync(["history", "rot-1"], environment);

        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Equal("No rotations yet; start one with: orchestrator start-rotation --spec FILE", list.Output.Trim());
        Assert.True(json.ExitCode == 0, json.ToString());
        Assert.Equal("[]", json.Output.Trim());
        Assert.True(status.ExitCode == 2, status.ToString());
        Assert.Equal("error: no rotations yet; start one with orchestrator start-rotation --spec FILE", status.Error.Trim());
        Assert.True(history.ExitCode == 2, history.ToString());
        Assert.Equal("error: no rotation rot-1: there are no rotations yet; start one with orchestrator start-rotation --spec FILE", history.Error.Trim());
        Assert.Empty(Directory.GetFileSystemEntries(directory.Path, "*", SearchOption.AllDirectories));
    }

    /// <summary>A home and XDG state directory inside the test's directory; ORCHESTRATOR_STATE set to the path, or unset.</summary>
    private static Dictionary<string, string?> Environment(TemporaryDirectory directory, string? state) => new()
    {
        ["HOME"] = Path.Combine(directory.Path, "home"),
        ["XDG_STATE_HOME"] = Path.Combine(directory.Path, "xdg-state"),
        [StateVariable] = state,
        ["ORCHESTRATOR_STATE_KEY"] = null,
    };
}
