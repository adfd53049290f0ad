using System.CommandLine;
using Orchestrator.Cli.Hosting;
using Orchestrator.Cli.Running;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Persistence;
using Orchestrator.Core.Rotations;

namespace Orchestrator.Cli.Commands;

/// <summary><c>orchestrator resume [ID]</c>: continue a stopped (or crashed) rotation from where it stood.</summary>
internal static class ResumeCommand
{
    private static readonly RotationState[] Unfinished = [RotationState.Pending, RotationState.Running, RotationState.Paused, RotationState.Failed, RotationState.RollingBack];

    public static Command Create()
    {
        var id = CommonOptions.Id("The rotation to continue; may be left out when only one is unfinished.", optional: true);
        var state = CommonOptions.State();
        var output = CommonOptions.Output();
        var force = CommonOptions.ForceTakeover();
        var command = new Command("resume", "Continue a stopped rotation from its first unfinished step.") { id, state, output, force };
        command.SetAction(CommandAction.Of(async (parse, services, cancellationToken) =>
        {
            using var store = services.OpenStore(parse.GetValue(state));
            var found = await FindAsync(services, store, parse.GetValue(id), cancellationToken);

            // A process that runs it now is reported before anything is said or done about resuming it.
            await using var runLock = await RotationSession.LockAsync(store, found.Id);
            if (!runLock.Acquired)
            {
                await services.Error.WriteLineAsync($"error: rotation {found.Id} is being run by {runLock.Holder}; it is not stopped: follow it with orchestrator status {found.Id}{services.StateOption}");
                return ExitCodes.Locked;
            }

            var rotation = await RotationLookup.FindAsync(services, store, found.Id, cancellationToken);
            if (!Unfinished.Contains(rotation.State))
            {
                throw new UsageException($"rotation {rotation.Id} is {rotation.State}: there is nothing to resume");
            }

            await services.Output.WriteLineAsync($"Resuming rotation {rotation.Id} ({rotation.State}) at step {rotation.NextStep()?.Number ?? rotation.Steps.Count}");
            using var clusters = new RegionClusters(services.Connector, rotation.Spec);
            return await RotationSession.RunLockedAsync(services, store, clusters, rotation, new SessionOptions(Create: false, parse.GetValue(force), parse.GetValue(output) == "json"), cancellationToken);
        }));
        return command;
    }

    private static async Task<Rotation> FindAsync(CliServices services, IRotationStore store, RotationId? id, CancellationToken cancellationToken)
    {
        if (id is not null)
        {
            return await RotationLookup.FindAsync(services, store, id, cancellationToken);
        }

        var unfinished = (await store.ListAsync(cancellationToken)).Where(summary => Unfinished.Contains(summary.State)).ToList();
        return unfinished.Count switch
        {
            0 => throw new UsageException($"no unfinished rotation in state file {services.StatePath}; see orchestrator list{services.StateOption}"),
            1 => await RotationLookup.FindAsync(services, store, unfinished[0].Id, cancellationToken),
            _ => throw new UsageException($"several rotations are unfinished ({string.Join(", ", unfinished.Select(summary => summary.Id))}); say which: orchestrator resume ID{services.StateOption}"),
        };
    }
}
