using System.CommandLine;
using Orchestrator.Cli.Running;

namespace Orchestrator.Cli.Commands;

/// <summary><c>orchestrator status [ID]</c>: a rotation's state and every step, from the state file alone.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var id = CommonOptions.Id("The rotation; the newest when left out.", optional: true);
        var state = CommonOptions.State();
        var output = CommonOptions.Output();
        var command = new Command("status", "Show a rotation's state and every step (reads only the state file).") { id, state, output };
        command.SetAction(CommandAction.Of(async (parse, services, cancellationToken) =>
        {
            using var opened = services.OpenReader(parse.GetValue(state));
            var store = RotationLookup.Opened(opened, parse.GetValue(id));
            var rotation = await RotationLookup.FindOrNewestAsync(services, store, parse.GetValue(id), cancellationToken);
            await RotationSession.PrintAsync(services, await RotationLookup.ActivityAsync(store, rotation, cancellationToken), parse.GetValue(output) == "json");
            return ExitCodes.Success;
        }));
        return command;
    }
}
