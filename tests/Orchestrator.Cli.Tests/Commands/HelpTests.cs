using Orchestrator.Cli.Tests.Support;

namespace Orchestrator.Cli.Tests.Commands;

public sealed class HelpTests
{
    public static TheoryData<string> Commands() => new(OrchestratorCommandLine.Build().Subcommands.Select(command => command.Name));

    [Theory]
    [MemberData(nameof(Commands))]
    public void Help_EveryCommand_DescribesItselfAndItsOptions(string name)
    {
        var command = OrchestratorCommandLine.Build().Subcommands.Single(candidate => candidate.Name == name);

        Assert.False(string.IsNullOrWhiteSpace(command.Description));
        Assert.All(command.Options, option => Assert.False(string.IsNullOrWhiteSpace(option.Description), $"{name} {option.Name} has no description"));
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Options_EveryCommand_TakesState(string name)
    {
        var command = OrchestratorCommandLine.Build().Subcommands.Single(candidate => candidate.Name == name);

        Assert.Contains(command.Options, option => option.Name == "--state");
    }

    [Theory]
    [InlineData("simulate", false)]
    [InlineData("plan", false)]
    [InlineData("status", true)]
    public async Task Help_ListsEachOptionOnce_AndStateOnlyWhereItIsUsed(string name, bool listsState)
    {
        var outcome = await OrchestratorProcess.RunAsync([name, "--help"]);

        Assert.Equal(0, outcome.ExitCode);
        var optionLines = outcome.Output.Split('\n').Select(line => line.Trim()).Where(line => line.StartsWith('-')).ToList();
        Assert.Single(optionLines, line => line.Contains("--verbose", StringComparison.Ordinal));
        Assert.Equal(listsState, optionLines.Any(line => line.StartsWith("--state", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Help_AsAProcess_ListsTheCommandsAndExits0()
    {
        var outcome = await OrchestratorProcess.RunAsync(["--help"]);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("simulate", outcome.Output, StringComparison.Ordinal);
    }
}
