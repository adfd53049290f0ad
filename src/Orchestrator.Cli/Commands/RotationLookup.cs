using Orchestrator.Cli.Hosting;
using Orchestrator.Cli.Output;
using Orchestrator.Core.Persistence;
using Orchestrator.Core.Rotations;

namespace Orchestrator.Cli.Commands;

/// <summary>Finds the rotation a command names, or the newest when it names none, and who runs it now.</summary>
internal static class RotationLookup
{
    private const string StartOne = "start one with orchestrator start-rotation --spec FILE";

    /// <summary>The store a read-only command opened; refused when there is none (the default state file, never made).</summary>
    public static IRotationStore Opened(IRotationStore? store, RotationId? id) =>
        store ?? throw new UsageException(id is null ? $"no rotations yet; {StartOne}" : $"no rotation {id}: there are no rotations yet; {StartOne}");

    public static async Task<Rotation> FindOrNewestAsync(CliServices services, IRotationStore store, RotationId? id, CancellationToken cancellationToken)
    {
        if (id is not null)
        {
            return await FindAsync(services, store, id, cancellationToken);
        }

        return await store.FindNewestAsync(cancellationToken)
            ?? throw new UsageException($"no rotation in state file {services.StatePath} yet; {StartOne}{services.StateOption}");
    }

    public static async Task<Rotation> FindAsync(CliServices services, IRotationStore store, RotationId id, CancellationToken cancellationToken) =>
        await store.FindAsync(id, cancellationToken)
            ?? throw new UsageException($"no rotation {id} in state file {services.StatePath}; see orchestrator list{services.StateOption}");

    /// <summary>
    /// The rotation with who runs it now. The run lock is asked first and, if nobody held it while the rotation reads as
    /// running, again: a process that started meanwhile (resume) holds it by then, one that died does not.
    /// </summary>
    public static async Task<RotationActivity> ActivityAsync(IRotationStore store, Rotation rotation, CancellationToken cancellationToken)
    {
        var activity = new RotationActivity(rotation, await store.FindRunnerAsync(rotation.Id, cancellationToken));
        if (activity.Abandoned)
        {
            var latest = await store.FindAsync(rotation.Id, cancellationToken) ?? rotation;
            activity = new RotationActivity(latest, await store.FindRunnerAsync(rotation.Id, cancellationToken));
        }

        return activity;
    }
}
