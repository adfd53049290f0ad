using System.CommandLine;
using Orchestrator.Cli.Commands;

namespace Orchestrator.Cli;

/// <summary>Builds the <c>orchestrator</c> command tree and runs it.</summary>
internal static class OrchestratorCommandLine
{
    public static RootCommand Build() =>
        new("Rotates the TLS certificate authority of Cassandra clusters on Kubernetes without downtime.")
        {
            CommonOptions.Verbose(),
            PlanCommand.Create(),
            StartRotationCommand.Create(),
            ResumeCommand.Create(),
            StatusCommand.Create(),
            ListCommand.Create(),
            HistoryCommand.Create(),
            VerifyCommand.Create(),
            AbortCommand.Create(),
            GateCommands.Approve(),
            GateCommands.Pause(),
            GateCommands.Continue(),
            GenerateCaCommand.Create(),
            GraphCommand.Create(),
            SimulateCommand.Create(),
            DemoCommand.Create(),
            ServeCommand.Create(),
        };

    public static async Task<int> InvokeAsync(string[] args)
    {
        var parse = Build().Parse(args);
        if (parse.Errors.Count > 0)
        {
            // A mistyped command line is bad input like any other: exit 2, say what is wrong and where help is.
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync($"error: {error.Message}");
            }

            var path = new List<string>();
            for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
            {
                path.Insert(0, result.Command.Name);
            }

            await Console.Error.WriteLineAsync($"Run '{string.Join(' ', path)} --help' for usage.");
            return ExitCodes.BadInput;
        }

        // SIGINT/SIGTERM cancel the command's token; the timeout is how long it may take to save its state.
        return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) });
    }
}
