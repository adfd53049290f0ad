namespace Orchestrator.Core.Rotations;

/// <summary>Where a rotation stands as a whole.</summary>
public enum RotationState
{
    /// <summary>Created; no step has run yet.</summary>
    Pending,

    /// <summary>A process is executing its steps (or died doing so; <c>resume</c> continues it).</summary>
    Running,

    /// <summary>Stopped on a failed or interrupted step; the state is saved and <c>resume</c> continues.</summary>
    Failed,

    /// <summary>
    /// Held at a step boundary, nothing of the next step begun: awaiting approval, waiting for a maintenance window, or
    /// paused. <see cref="Rotation.Hold"/> says which; it goes on once that is released.
    /// </summary>
    Paused,

    /// <summary>Every step succeeded: the clusters run on the new CA alone.</summary>
    Succeeded,

    /// <summary>Going back to the old CA after an abort.</summary>
    RollingBack,

    /// <summary>Back on the old CA; final.</summary>
    RolledBack,
}
