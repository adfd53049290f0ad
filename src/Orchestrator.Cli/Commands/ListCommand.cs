using System.CommandLine;
using System.Text.Json;
using Orchestrator.Cli.Output;
using Orchestrator.Core.Persistence;
using Orchestrator.Core.Rotations;

namespace Orchestrator.Cli.Commands;

/// <summary><c>orchestrator list</c>: every rotation in the state file, newest first, and which a process runs now.</summary>
internal static class ListCommand
{
    private static readonly RotationState[] Unfinished = [RotationState.Pending, RotationState.Running, RotationState.Paused, RotationState.Failed, RotationState.RollingBack];

    public static Command Create()
    {
        var state = CommonOptions.State();
        var output = CommonOptions.Output();
        var command = new Command("list", "List every rotation in the state file, newest first.") { state, output };
        command.SetAction(CommandAction.Of(async (parse, services, cancellationToken) =>
        {
            // No store: the default state file, never made, holds no rotation yet.
            using var store = services.OpenReader(parse.GetValue(state));
            var rotations = new List<(RotationSummary Summary, string? Runner)>();
            foreach (var summary in store is null ? [] : await store.ListAsync(cancellationToken))
            {
                rotations.Add(Unfinished.Contains(summary.State) ? await WithRunnerAsync(store!, summary, cancellationToken) : (summary, null));
            }

            if (parse.GetValue(output) == "json")
            {
                await services.Output.WriteLineAsync(JsonSerializer.Serialize(rotations.Select(rotation => RotationView.Of(rotation.Summary, rotation.Runner)), RotationView.Json));
                return ExitCodes.Success;
            }

            if (rotations.Count == 0)
            {
                await services.Output.WriteLineAsync($"No rotations yet; start one with: orchestrator start-rotation --spec FILE{services.StateOption}");
                return ExitCodes.Success;
            }

            var table = new TextTable("ID", "STATE", "CLUSTER", "CREATED", "UPDATED", "NOTE");
            foreach (var (rotation, runner) in rotations)
            {
                var view = RotationView.Of(rotation, runner);
                var note = runner is not null ? $"run by {runner}"
                    : Unfinished.Contains(rotation.State) ? view.Reason ?? "not running; resume continues it"
                    : null;
                table.Add(rotation.Id.ToString(), view.State, rotation.Cluster, Times.Short(rotation.CreatedAt), Times.Short(rotation.UpdatedAt), note);
            }

            await services.Output.WriteAsync(table.ToString());
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>
    /// Who runs an unfinished rotation now. A rotation listed as Running that nobody runs is read again: the process
    /// that ran it may have finished it meanwhile, rather than died.
    /// </summary>
    private static async Task<(RotationSummary Summary, string? Runner)> WithRunnerAsync(IRotationStore store, RotationSummary summary, CancellationToken cancellationToken)
    {
        var runner = await store.FindRunnerAsync(summary.Id, cancellationToken);
        if (runner is null && summary.State == RotationState.Running && await store.FindAsync(summary.Id, cancellationToken) is { } latest)
        {
            summary = summary with { State = latest.State, UpdatedAt = latest.UpdatedAt };
        }

        return (summary, runner);
    }
}
