using Orchestrator.Controller.Resources;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Rollouts;
using Orchestrator.Core.Rotations;
using StepStatus = Orchestrator.Core.Rotations.StepStatus;

namespace Orchestrator.Controller.Serving;

/// <summary>Tells a run's steps as Events on its CaRotation, and keeps the CaRotation's status where the run is.</summary>
internal sealed class ControllerObserver(RotationReporter reporter, Func<Rotation, CaRotationStatus> statusOf, TimeProvider time) : IRotationObserver
{
    /// <summary>A running wait's progress goes to the status at most this often; a step's end always does.</summary>
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(5);

    private long _lastProgress;

    public void StepStarted(Rotation rotation, StepRecord step)
    {
        reporter.Event(EventRecorder.Normal, "StepStarted", $"step {step.Number}/{rotation.Steps.Count} {step.Label} started (attempt {step.Attempts})");
        reporter.Status(statusOf(rotation));
    }

    public void StepFinished(Rotation rotation, StepRecord step)
    {
        if (step.Status == StepStatus.Succeeded)
        {
            reporter.Event(EventRecorder.Normal, "StepSucceeded", $"step {step.Number}/{rotation.Steps.Count} {step.Label} succeeded" + (step.Detail is { } detail ? $": {detail}" : string.Empty));
        }
        else if (step.Status == StepStatus.Failed)
        {
            reporter.Event(EventRecorder.Warning, "StepFailed", $"step {step.Number}/{rotation.Steps.Count} {step.Label} failed: {step.Error}");
        }

        reporter.Status(statusOf(rotation));
    }

    public void WaitProgress(Rotation rotation, StepRecord step, RolloutVerdict verdict)
    {
        var now = time.GetTimestamp();
        if (_lastProgress != 0 && time.GetElapsedTime(_lastProgress, now) < ProgressEvery)
        {
            return;
        }

        _lastProgress = now;
        reporter.Status(statusOf(rotation));
    }
}
