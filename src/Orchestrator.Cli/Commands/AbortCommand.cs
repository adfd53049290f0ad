using System.CommandLine;
using Orchestrator.Cli.Hosting;
using Orchestrator.Cli.Output;
using Orchestrator.Cli.Running;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Persistence;
using Orchestrator.Core.Rollouts;
using Orchestrator.Core.Rotations;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// <c>orchestrator abort ID</c>: roll a rotation back to the old CA. A stopped rotation is rolled back here, in the
/// foreground; a running one is asked (through the state file) and its own process rolls it back, while this one
/// waits, saying where it stands, until that process has finished: rolled back, or stopped (its reason and exit code).
/// A process that dies meanwhile leaves the rotation to this one, which rolls it back itself.
/// </summary>
internal static class AbortCommand
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public static Command Create()
    {
        var id = CommonOptions.Id("The rotation to roll back.", optional: false);
        var state = CommonOptions.State();
        var output = CommonOptions.Output();
        var force = CommonOptions.ForceTakeover();
        var command = new Command("abort", "Roll a rotation back to the old CA, as safely as it went forward (refused once the old CA has been removed anywhere).")
        {
            id, state, output, force,
        };
        command.SetAction(CommandAction.Of(async (parse, services, cancellationToken) =>
        {
            using var store = services.OpenStore(parse.GetValue(state));
            var rotation = await RotationLookup.FindAsync(services, store, parse.GetValue(id)!, cancellationToken);
            if (RollbackPlanner.Refusal(rotation) is { } refusal)
            {
                throw new UsageException(refusal);
            }

            var options = new SessionOptions(Create: false, parse.GetValue(force), parse.GetValue(output) == "json");
            if (rotation.State != RotationState.RollingBack)
            {
                await store.RequestAbortAsync(rotation.Id, "aborted by the user", cancellationToken);
            }

            var announced = false;
            while (true)
            {
                await using (var runLock = await RotationSession.LockAsync(store, rotation.Id))
                {
                    if (runLock.Acquired)
                    {
                        rotation = await RotationLookup.FindAsync(services, store, rotation.Id, cancellationToken);
                        if (announced && Ended(rotation) is { } exitCode)
                        {
                            await RotationSession.PrintAsync(services, new RotationActivity(rotation, null), options.Json);
                            return await ReportAsync(services, rotation, exitCode);
                        }

                        if (RollbackPlanner.Refusal(rotation) is { } late)
                        {
                            throw new UsageException(late);
                        }

                        // A process that took the request and could not act on it has consumed it: ask again.
                        if (rotation.State != RotationState.RollingBack)
                        {
                            await store.RequestAbortAsync(rotation.Id, "aborted by the user", cancellationToken);
                        }

                        using var clusters = new RegionClusters(services.Connector, rotation.Spec);
                        return await RotationSession.RunLockedAsync(services, store, clusters, rotation, options, cancellationToken);
                    }

                    if (!announced)
                    {
                        await services.Output.WriteLineAsync($"Rotation {rotation.Id} is being run by {runLock.Holder}; asked it to roll back, and waiting until it has (Ctrl-C stops waiting, not the roll-back)");
                        await services.Output.FlushAsync(cancellationToken);
                        announced = true;
                    }
                }

                await FollowAsync(services, store, rotation.Id, cancellationToken);
            }
        }));
        return command;
    }

    /// <summary>
    /// How the process that ran the rotation left it, as the exit code it ended with; null when this process should go
    /// on with it: it died while running it (nothing saved a stop), or stopped for another reason before it saw the
    /// request, which is still pending.
    /// </summary>
    private static int? Ended(Rotation rotation)
    {
        var abandoned = new RotationActivity(rotation, null).Abandoned;
        return rotation.State switch
        {
            RotationState.RolledBack => ExitCodes.Success,
            RotationState.RollingBack when abandoned => null,
            RotationState.RollingBack when rotation.Reason == RotationRunner.InterruptedReason => ExitCodes.Interrupted,
            RotationState.RollingBack or RotationState.Succeeded => ExitCodes.StepFailed,
            _ => null,
        };
    }

    private static async Task<int> ReportAsync(CliServices services, Rotation rotation, int exitCode)
    {
        var why = rotation.State switch
        {
            RotationState.RolledBack => null,
            RotationState.Succeeded => $"rotation {rotation.Id} finished before its process saw the request to roll back: the new CA is in place; to go back, run a new rotation to the CA you want",
            _ => $"the roll-back of rotation {rotation.Id} stopped: {rotation.Reason}; fix the cause, then orchestrator resume {rotation.Id}{services.StateOption}",
        };
        if (why is not null)
        {
            await services.Error.WriteLineAsync($"error: {why}");
        }

        return exitCode;
    }

    /// <summary>
    /// Waits while another process holds the rotation, saying on stderr what it is doing whenever that changes; returns
    /// once nobody holds it any more.
    /// </summary>
    private static async Task FollowAsync(CliServices services, IRotationStore store, RotationId id, CancellationToken cancellationToken)
    {
        string? said = null;
        while (await store.FindRunnerAsync(id, cancellationToken) is { } runner)
        {
            var rotation = await RotationLookup.FindAsync(services, store, id, cancellationToken);
            var now = Doing(rotation, runner);
            if (now != said)
            {
                await services.Error.WriteLineAsync(now);
                await services.Error.FlushAsync(cancellationToken);
                said = now;
            }

            await Task.Delay(PollInterval, services.Time, cancellationToken);
        }
    }

    private static string Doing(Rotation rotation, string runner)
    {
        var step = rotation.Steps.FirstOrDefault(candidate => candidate.Status == StepStatus.Running);
        var where = step is null ? "between steps" : $"step {step.Number}/{rotation.Steps.Count} ({step.Label})";
        var waiting = step?.Progress is { } progress ? $": waiting for {WaitingText.For(progress.WaitingFor)}" : string.Empty;
        return rotation.State == RotationState.RollingBack
            ? $"  rolling back: {where}{waiting}"
            : $"  {runner} has yet to turn round: {where}{waiting}";
    }
}
