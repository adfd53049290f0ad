using System.CommandLine;
using Orchestrator.Cli.Hosting;
using Orchestrator.Core.Gates;
using Orchestrator.Core.Persistence;
using Orchestrator.Core.Rotations;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// <c>approve</c>, <c>pause</c> and <c>continue</c> for rotations in the state file: each records a request beside
/// the rotation, which its run takes at the next step boundary; none runs the rotation itself (<c>resume</c> does).
/// </summary>
internal static class GateCommands
{
    public static Command Approve()
    {
        var id = CommonOptions.Id("The rotation awaiting approval.", optional: false);
        var step = new Option<int?>("--step") { Description = "The step it awaits approval before, as status shows it; refused when it awaits another." };
        var state = CommonOptions.State();
        var command = new Command("approve", "Approve the gate a rotation awaits (approval: phases or regions); resume then takes it one gate further.") { id, step, state };
        command.SetAction(CommandAction.Of(async (parse, services, cancellationToken) =>
        {
            using var store = services.OpenStore(parse.GetValue(state));
            var rotation = await RotationLookup.FindAsync(services, store, parse.GetValue(id)!, cancellationToken);
            if (rotation.State != RotationState.Paused || rotation.Hold is not { Reason: HoldReason.AwaitingApproval } hold)
            {
                var where = rotation.State == RotationState.Paused && rotation.Hold is { } other ? $"held for another reason: {other.Message}" : $"{rotation.State}";
                throw new UsageException($"rotation {rotation.Id} is not awaiting approval ({where}); orchestrator status {rotation.Id}{services.StateOption} shows where it stands");
            }

            if (parse.GetValue(step) is { } asked && asked != hold.Step)
            {
                throw new UsageException($"rotation {rotation.Id} awaits approval before step {hold.Step} ({Label(rotation, hold.Step)}), not step {asked}: gates are approved one at a time, in order");
            }

            await Requests(store).ApproveAsync(rotation.Id, hold.Step, cancellationToken);
            await services.Output.WriteLineAsync($"Approved step {hold.Step} ({Label(rotation, hold.Step)}) of rotation {rotation.Id}. Go on with: orchestrator resume {rotation.Id}{services.StateOption}");
            return ExitCodes.Success;
        }));
        return command;
    }

    public static Command Pause()
    {
        var id = CommonOptions.Id("The rotation to hold.", optional: false);
        var state = CommonOptions.State();
        var command = new Command("pause", "Hold a rotation at its next step boundary (never in the middle of a Secret write) until continue.") { id, state };
        command.SetAction(CommandAction.Of(async (parse, services, cancellationToken) =>
        {
            using var store = services.OpenStore(parse.GetValue(state));
            var rotation = await RotationLookup.FindAsync(services, store, parse.GetValue(id)!, cancellationToken);
            if (rotation.State is RotationState.Succeeded or RotationState.RolledBack or RotationState.RollingBack)
            {
                throw new UsageException($"rotation {rotation.Id} is {rotation.State}: there is nothing to pause (a roll-back is never held)");
            }

            await Requests(store).SetPauseRequestAsync(rotation.Id, paused: true, cancellationToken);
            var runner = await store.FindRunnerAsync(rotation.Id, cancellationToken);
            await services.Output.WriteLineAsync(runner is null
                ? $"Rotation {rotation.Id} will hold before its next step; release it with: orchestrator continue {rotation.Id}{services.StateOption}"
                : $"Rotation {rotation.Id} ({runner}) holds once its current step is over; release it with: orchestrator continue {rotation.Id}{services.StateOption}");
            return ExitCodes.Success;
        }));
        return command;
    }

    public static Command Continue()
    {
        var id = CommonOptions.Id("The paused rotation.", optional: false);
        var state = CommonOptions.State();
        var command = new Command("continue", "Release a rotation held by pause; resume then runs it on.") { id, state };
        command.SetAction(CommandAction.Of(async (parse, services, cancellationToken) =>
        {
            using var store = services.OpenStore(parse.GetValue(state));
            var rotation = await RotationLookup.FindAsync(services, store, parse.GetValue(id)!, cancellationToken);
            var requests = Requests(store);
            if (!(await requests.ReadAsync(rotation.Id, cancellationToken)).PauseRequested)
            {
                throw new UsageException($"rotation {rotation.Id} is not paused ({rotation.State}); orchestrator status {rotation.Id}{services.StateOption} shows where it stands");
            }

            await requests.SetPauseRequestAsync(rotation.Id, paused: false, cancellationToken);
            await services.Output.WriteLineAsync(rotation.State == RotationState.Paused
                ? $"Rotation {rotation.Id} released. Go on with: orchestrator resume {rotation.Id}{services.StateOption}"
                : $"Rotation {rotation.Id} will not hold: its pause request is withdrawn");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static IGateRequests Requests(IRotationStore store) =>
        store as IGateRequests ?? throw new InvalidOperationException("this state store keeps no approvals or pause requests");

    private static string Label(Rotation rotation, int step) => rotation.Steps.Single(candidate => candidate.Number == step).Label;
}
