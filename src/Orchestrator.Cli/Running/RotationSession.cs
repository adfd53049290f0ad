using System.Text.Json;
using Microsoft.Extensions.Logging;
using Orchestrator.Cli.Hosting;
using Orchestrator.Cli.Output;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Gates;
using Orchestrator.Core.Leases;
using Orchestrator.Core.Persistence;
using Orchestrator.Core.Preflight;
using Orchestrator.Core.Rotations;

namespace Orchestrator.Cli.Running;

/// <summary>
/// Runs a rotation in the foreground for <c>start-rotation</c>, <c>resume</c>, <c>abort</c> and <c>demo</c>: holds
/// its run lock (one process per state file) and its Lease in every region (one orchestrator per CA Secret), shows
/// progress, prints the final status, and maps the outcome to the exit code. The regions' clients come from the
/// command, which disposes them after this returns: by then the Leases are released and the run's background work
/// is over.
/// </summary>
internal static class RotationSession
{
    /// <summary>Takes the run lock of a rotation just made, then runs it.</summary>
    public static async Task<int> RunAsync(CliServices services, IRotationStore store, RegionClusters clusters, Rotation rotation, SessionOptions options, CancellationToken cancellationToken)
    {
        await using var runLock = await LockAsync(store, rotation.Id);
        if (!runLock.Acquired)
        {
            await services.Error.WriteLineAsync($"error: rotation {rotation.Id} is being run by {runLock.Holder}; wait for it, or stop that process first");
            return ExitCodes.Locked;
        }

        return await RunLockedAsync(services, store, clusters, rotation, options, cancellationToken);
    }

    /// <summary>Takes the rotation's run lock for this process, or says who holds it.</summary>
    public static Task<RunLock> LockAsync(IRotationStore store, RotationId id) =>
        store.TryLockAsync(id, $"orchestrator pid {Environment.ProcessId} on {Environment.MachineName}", CancellationToken.None);

    /// <summary>Runs a rotation whose run lock this process holds, as read under that lock.</summary>
    public static async Task<int> RunLockedAsync(CliServices services, IRotationStore store, RegionClusters clusters, Rotation rotation, SessionOptions options, CancellationToken cancellationToken)
    {
        if (!options.Create)
        {
            // Created, the rotation passed preflight's check; a kubeconfig may have been edited since.
            await DistinctRegions.CheckAsync(clusters, rotation.Spec, services.Time, cancellationToken);
        }

        await using var leases = new RotationLeases(clusters, rotation.Spec, LeaseHolder.Current(rotation.Id), services.Time, services.Loggers.CreateLogger("Orchestrator.Leases"));
        if (await leases.AcquireAsync(options.ForceTakeover, cancellationToken) is { } refusal)
        {
            await services.Error.WriteLineAsync($"error: {refusal}");
            return ExitCodes.Locked;
        }

        if (options.Create)
        {
            await store.CreateAsync(rotation, [Created(rotation)], cancellationToken);
            await (options.Json ? services.Error : services.Output).WriteLineAsync($"Rotation {rotation.Id} created: {rotation.Steps.Count} steps over {string.Join(", ", rotation.Spec.Regions.Select(region => region.Name))}");
        }

        var observer = new ConsoleObserver(options.Json ? services.Error : services.Output, services.Error, services.Interactive);
        var runner = new RotationRunner(store, clusters, observer, services.Time, services.Loggers, options.NewCa, store as IGateSignalSource);
        using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, leases.Lost);
        var outcome = await runner.RunAsync(rotation, run.Token);

        // This process is about to let go of the rotation: nobody runs it once its status is read.
        await PrintAsync(services, new RotationActivity(rotation, null), options.Json);
        if (leases.Lost.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            await services.Error.WriteLineAsync($"error: {leases.LostReason}");
            return ExitCodes.Locked;
        }

        if (outcome == RunOutcome.Held && rotation.Hold is { } hold)
        {
            await services.Error.WriteLineAsync($"waiting: {hold.Message}; state saved. Then run: {HoldView.ReleaseCommand(rotation, hold, services.StateOption)}");
        }

        return outcome switch
        {
            RunOutcome.Succeeded or RunOutcome.RolledBack => ExitCodes.Success,
            RunOutcome.Held => ExitCodes.Waiting,
            RunOutcome.Interrupted => ExitCodes.Interrupted,
            _ => ExitCodes.StepFailed,
        };
    }

    public static async Task PrintAsync(CliServices services, RotationActivity activity, bool json)
    {
        if (json)
        {
            await services.Output.WriteLineAsync(JsonSerializer.Serialize(RotationView.Of(activity, services.StateOption), RotationView.Json));
        }
        else
        {
            await services.Output.WriteLineAsync();
            await services.Output.WriteAsync(StatusText.Render(activity, services.Time.GetUtcNow(), services.StateOption));
        }

        await services.Output.FlushAsync(CancellationToken.None);
    }

    private static JournalEntry Created(Rotation rotation) => new()
    {
        RotationId = rotation.Id,
        Time = rotation.CreatedAt,
        Kind = JournalEntryKind.Transition,
        To = RotationState.Pending.ToString(),
        Trigger = "Create",
        Reason = $"created from the spec for cluster {rotation.Cluster}; current CA {rotation.OldCa!.Subject}",
    };
}
