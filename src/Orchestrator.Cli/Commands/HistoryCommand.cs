using System.CommandLine;
using System.Text.Json;
using Orchestrator.Cli.Output;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// <c>orchestrator history ID</c>: every lifecycle transition and step attempt of a rotation, from the state file's
/// journal alone. The journal holds times, states and reasons, never key material.
/// </summary>
internal static class HistoryCommand
{
    public static Command Create()
    {
        var id = CommonOptions.Id("The rotation whose history to show (see orchestrator list).", optional: false);
        var state = CommonOptions.State();
        var output = CommonOptions.Output();
        var command = new Command("history", "Show every state transition and step attempt of a rotation, with its time, duration and reason (reads only the state file).")
        {
            id, state, output,
        };
        command.SetAction(CommandAction.Of(async (parse, services, cancellationToken) =>
        {
            using var opened = services.OpenReader(parse.GetValue(state));
            var store = RotationLookup.Opened(opened, parse.GetValue(id));
            var rotation = await RotationLookup.FindOrNewestAsync(services, store, parse.GetValue(id)!, cancellationToken);
            var journal = await store.ReadJournalAsync(rotation.Id, cancellationToken);
            var activity = await RotationLookup.ActivityAsync(store, rotation, cancellationToken);
            if (parse.GetValue(output) == "json")
            {
                await services.Output.WriteLineAsync(JsonSerializer.Serialize(journal.Select(HistoryEntryView.Of), RotationView.Json));
            }
            else
            {
                await services.Output.WriteAsync(HistoryText.Render(activity, journal));
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
