using Orchestrator.Core.Persistence;
using Orchestrator.Core.Rotations;

namespace Orchestrator.Cli.Commands;

/// <summary>Finds the rotation a command names, or the newest when it names none.</summary>
internal static class RotationLookup
{
    public static async Task<Rotation> FindOrNewestAsync(IRotationStore store, string? id, CancellationToken cancellationToken)
    {
        if (id is not null)
        {
            return await store.FindAsync(id, cancellationToken) ?? throw new UsageException($"no rotation {id} in this state file; see orchestrator list");
        }

        return await store.FindNewestAsync(cancellationToken)
            ?? throw new UsageException("no rotation in this state file yet; start one with orchestrator start-rotation --spec FILE");
    }
}
