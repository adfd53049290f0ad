using Orchestrator.Cli.Tests.Support;
using Orchestrator.Core.Rotations;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests.BadInput;

/// <summary>
/// An ID that no rotation can have is refused as the command line is read: exit 2, one line naming the argument and the
/// rule, and nothing created (resume and abort would otherwise create the state file they were pointed at).
/// </summary>
public sealed class MalformedIdTests
{
    private static readonly string TooLong = new('a', RotationId.MaximumLength + 1);

    public static TheoryData<string, string, string> Cases()
    {
        var cases = new TheoryData<string, string, string>();
        foreach (var command in new[] { "status", "resume", "history", "abort" })
        {
            cases.Add(command, "../x", "'../x'");
            cases.Add(command, ".hidden", "'.hidden'");
            cases.Add(command, TooLong, $"'{TooLong[..40]}...'");
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Command_MalformedId_Exits2NamingTheArgumentAndTheRuleAndCreatesNothing(string command, string id, string shown)
    {
        using var directory = new TemporaryDirectory();
        var environment = new Dictionary<string, string?>
        {
            ["HOME"] = Path.Combine(directory.Path, "home"),
            ["XDG_STATE_HOME"] = Path.Combine(directory.Path, "xdg-state"),
            ["ORCHESTRATOR_STATE"] = null,
            ["ORCHESTRATOR_STATE_KEY"] = null,
        };

        var outcome = await OrchestratorProcess.RunAsync([command, id, "--state", Path.Combine(directory.Path, "state.db")], environment);

        Assert.True(outcome.ExitCode == 2, outcome.ToString());
        Assert.Equal(
            $"error: argument ID: {shown} is not a rotation id ({RotationId.Rule}); see orchestrator list",
            outcome.Error.Split('\n')[0]);
        Assert.Empty(outcome.Output);
        Assert.Empty(Directory.GetFileSystemEntries(directory.Path, "*", SearchOption.AllDirectories));
    }
}
