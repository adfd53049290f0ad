namespace Orchestrator.Core.Engine;

/// <summary>How a run of a rotation ended.</summary>
public enum RunOutcome
{
    Succeeded,
    Failed,
    Interrupted,
    RolledBack,

    /// <summary>Held at a gate (approval, window, pause): <see cref="Rotations.Rotation.Hold"/> says which.</summary>
    Held,
}
