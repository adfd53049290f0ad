using Orchestrator.Core.Engine;
using Orchestrator.Core.Rollouts;
using Orchestrator.Core.Rotations;

namespace Orchestrator.Core.Tests.Support;

/// <summary>Shows nothing.</summary>
internal sealed class UnusedObserver : IRotationObserver
{
    public void StepStarted(Rotation rotation, StepRecord step)
    {
    }

    public void StepFinished(Rotation rotation, StepRecord step)
    {
    }

    public void WaitProgress(Rotation rotation, StepRecord step, RolloutVerdict verdict)
    {
    }
}
