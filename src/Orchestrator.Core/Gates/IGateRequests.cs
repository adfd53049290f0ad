using Orchestrator.Core.Rotations;

namespace Orchestrator.Core.Gates;

/// <summary>
/// Approvals and pause requests kept beside the rotations (the CLI's state file): written by <c>approve</c>,
/// <c>pause</c> and <c>continue</c> from any process, apart from the rotation's document so that a running process's
/// saves cannot overwrite them.
/// </summary>
public interface IGateRequests : IGateSignalSource
{
    /// <summary>Records a person's approval of the gate before <paramref name="step"/>.</summary>
    Task ApproveAsync(RotationId id, int step, CancellationToken cancellationToken);

    /// <summary>Asks to hold the rotation at its next step boundary (true), or releases it (false).</summary>
    Task SetPauseRequestAsync(RotationId id, bool paused, CancellationToken cancellationToken);
}
