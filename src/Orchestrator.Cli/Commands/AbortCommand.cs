using System.CommandLine;
using Orchestrator.Cli.Running;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Rotations;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// <c>orchestrator abort ID</c>: roll a rotation back to the old CA. A stopped rotation is rolled back here, in the
/// foreground; a running one is asked (through the state file) and its own process rolls it back.
/// </summary>
internal static class AbortCommand
{
    private static readonly TimeSpan HandOverWait = TimeSpan.FromMinutes(2);

    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "The rotation to roll back." };
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
            var rotationId = parse.GetValue(id)!;
            var rotation = await store.FindAsync(rotationId, cancellationToken) ?? throw new UsageException($"no rotation {rotationId} in this state file; see orchestrator list");
            if (RollbackPlanner.Refusal(rotation) is { } refusal)
            {
                throw new UsageException(refusal);
            }

            var options = new SessionOptions(Create: false, parse.GetValue(force), parse.GetValue(output) == "json");
            if (rotation.State != RotationState.RollingBack)
            {
                await store.RequestAbortAsync(rotation.Id, "aborted by the user", cancellationToken);
            }

            string? holder;
            await using (var probe = await store.TryLockAsync(rotation.Id, "orchestrator abort", cancellationToken))
            {
                holder = probe.Holder;
            }

            if (holder is null)
            {
                using var clusters = new RegionClusters(services.Connector, rotation.Spec);
                return await RotationSession.RunAsync(services, store, clusters, rotation, options, cancellationToken);
            }

            await services.Output.WriteLineAsync($"Rotation {rotation.Id} is being run by {holder}; asked it to roll back");
            var handedOver = await WaitForRollbackAsync(services, store, rotation.Id, cancellationToken);
            await RotationSession.PrintAsync(services, handedOver, options.Json);
            return handedOver.State is RotationState.RollingBack or RotationState.RolledBack ? ExitCodes.Success : ExitCodes.StepFailed;
        }));
        return command;
    }

    private static async Task<Rotation> WaitForRollbackAsync(Hosting.CliServices services, Core.Persistence.IRotationStore store, string id, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(HandOverWait);
        while (true)
        {
            var rotation = await store.FindAsync(id, cancellationToken) ?? throw new UsageException($"rotation {id} vanished from the state file");
            if (rotation.State is not (RotationState.Running or RotationState.Pending) || limit.IsCancellationRequested)
            {
                return rotation;
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), services.Time, limit.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Time is up: report where it stands.
            }
        }
    }
}
