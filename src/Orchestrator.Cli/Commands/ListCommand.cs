using System.CommandLine;
using System.Text.Json;
using Orchestrator.Cli.Output;
using Orchestrator.Core.Rotations;

namespace Orchestrator.Cli.Commands;

/// <summary><c>orchestrator list</c>: every rotation in the state file, newest first.</summary>
internal static class ListCommand
{
    public static Command Create()
    {
        var state = CommonOptions.State();
        var output = CommonOptions.Output();
        var command = new Command("list", "List every rotation in the state file, newest first.") { state, output };
        command.SetAction(CommandAction.Of(async (parse, services, cancellationToken) =>
        {
            // No store: the default state file, never made, holds no rotation yet.
            using var store = services.OpenReader(parse.GetValue(state));
            IReadOnlyList<RotationSummary> rotations = store is null ? [] : await store.ListAsync(cancellationToken);
            if (parse.GetValue(output) == "json")
            {
                await services.Output.WriteLineAsync(JsonSerializer.Serialize(rotations.Select(RotationView.Of), RotationView.Json));
                return ExitCodes.Success;
            }

            if (rotations.Count == 0)
            {
                await services.Output.WriteLineAsync("No rotations yet; start one with: orchestrator start-rotation --spec FILE");
                return ExitCodes.Success;
            }

            var table = new TextTable("ID", "STATE", "CLUSTER", "CREATED", "UPDATED");
            foreach (var rotation in rotations)
            {
                table.Add(rotation.Id, rotation.State.ToString(), rotation.Cluster, Times.Short(rotation.CreatedAt), Times.Short(rotation.UpdatedAt));
            }

            await services.Output.WriteAsync(table.ToString());
            return ExitCodes.Success;
        }));
        return command;
    }
}
