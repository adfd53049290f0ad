using Orchestrator.Core.Persistence;
using Orchestrator.Core.Rotations;

namespace Orchestrator.Cli.Commands;

/// <summary>Finds the rotation a command names, or the newest when it names none.</summary>
internal static class RotationLookup
{
    private const string StartOne = "start one with orchestrator start-rotation --spec FILE";

    /// <summary>The store a read-only command opened; refused when there is none (the default state file, never made).</summary>
    public static IRotationStore Opened(IRotationStore? store, string? id) =>
        store ?? throw new UsageException(id is null ? $"no rotations yet; {StartOne}" : $"no rotation {id}: there are no rotations yet; {StartOne}");

    public static async Task<Rotation> FindOrNewestAsync(IRotationStore store, string? id, CancellationToken cancellationToken)
    {
        if (id is not null)
        {
            return await store.FindAsync(id, cancellationToken) ?? throw new UsageException($"no rotation {id} in this state file; see orchestrator list");
        }

        return await store.FindNewestAsync(cancellationToken)
            ?? throw new UsageException($"no rotation in this state file yet; {StartOne}");
    }
}
