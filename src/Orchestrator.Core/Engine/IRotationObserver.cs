using Orchestrator.Core.Rollouts;
using Orchestrator.Core.Rotations;

namespace Orchestrator.Core.Engine;

/// <summary>What a run reports while it goes: steps starting and ending, and a wait's progress.</summary>
public interface IRotationObserver
{
    void StepStarted(Rotation rotation, StepRecord step);

    void StepFinished(Rotation rotation, StepRecord step);

    /// <summary>Called on every change a wait sees; cheap, so a terminal can redraw.</summary>
    void WaitProgress(Rotation rotation, StepRecord step, RolloutVerdict verdict);
}
