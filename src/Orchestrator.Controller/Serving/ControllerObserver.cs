using Orchestrator.Controller.Metrics;
using Orchestrator.Controller.Resources;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Rollouts;
using Orchestrator.Core.Rotations;
using StepStatus = Orchestrator.Core.Rotations.StepStatus;

namespace Orchestrator.Controller.Serving;

/// <summary>
/// Tells a run's steps as Events on its CaRotation, and those of a region's step on that region's CA Secret too (so
/// that <c>kubectl describe secret</c> shows them); keeps the CaRotation's status where the run is, and the metrics.
/// </summary>
/// <param name="secretEvents">Where Events about a region's CA Secret go, when known.</param>
internal sealed class ControllerObserver(
    RotationReporter reporter,
    Func<Rotation, CaRotationStatus> statusOf,
    TimeProvider time,
    string name,
    ControllerMetrics metrics,
    Func<string, SecretEventTarget?> secretEvents) : IRotationObserver
{
    /// <summary>A running wait's progress goes to the status at most this often; a step's end always does.</summary>
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(5);

    private long _lastProgress;

    public void StepStarted(Rotation rotation, StepRecord step)
    {
        Event(step, EventRecorder.Normal, "StepStarted", $"step {step.Number}/{rotation.Steps.Count} {step.Label} started (attempt {step.Attempts})");
        reporter.Status(statusOf(rotation));
    }

    public void StepFinished(Rotation rotation, StepRecord step)
    {
        var took = step.FinishedAt - step.StartedAt ?? TimeSpan.Zero;
        var what = $"step {step.Number}/{rotation.Steps.Count} {step.Label}";
        if (step.Status == StepStatus.Succeeded)
        {
            // On the CA Secret, SecretUpdated and RolloutComplete say it: StepSucceeded goes on the CaRotation alone.
            reporter.Event(EventRecorder.Normal, "StepSucceeded", $"{what} succeeded" + (step.Detail is { } detail ? $": {detail}" : string.Empty));
            if (step.Kind == StepKind.UpdateSecret)
            {
                Event(step, EventRecorder.Normal, "SecretUpdated", $"{what}: the CA Secret holds the phase's data" + (step.Detail is { } written ? $" ({written})" : string.Empty));
            }
            else if (step.Kind == StepKind.WaitRollout)
            {
                Event(step, EventRecorder.Normal, "RolloutComplete", $"{what}: every pod replaced and Ready" + (step.Detail is { } settled ? $" ({settled})" : string.Empty));
            }

            metrics.StepFinished(step.Kind, StepOutcomes.Succeeded, took);
        }
        else if (step.Status == StepStatus.Failed)
        {
            // The engine fails a step whose deadline passed with the rollout timeout's length behind it; nothing else lasts that long.
            var timedOut = took >= rotation.Spec.RolloutTimeout;
            Event(step, EventRecorder.Warning, timedOut ? "StepTimedOut" : "StepFailed", $"{what} {(timedOut ? "timed out" : "failed")}: {step.Error}");
            metrics.StepFinished(step.Kind, timedOut ? StepOutcomes.TimedOut : StepOutcomes.Failed, took);
        }

        reporter.Status(statusOf(rotation));
    }

    public void WaitProgress(Rotation rotation, StepRecord step, RolloutVerdict verdict)
    {
        if (step.Region is { } region)
        {
            metrics.Rotations.Progress(name, region, verdict);
        }

        var now = time.GetTimestamp();
        if (_lastProgress != 0 && time.GetElapsedTime(_lastProgress, now) < ProgressEvery)
        {
            return;
        }

        _lastProgress = now;
        reporter.Status(statusOf(rotation));
    }

    /// <summary>An Event on the CaRotation, and on <paramref name="region"/>'s CA Secret when it concerns one.</summary>
    public void Event(string? region, string type, string reason, string message)
    {
        reporter.Event(type, reason, message);
        if (region is not null && secretEvents(region) is { } secret)
        {
            reporter.SecretEvent(secret, type, reason, message);
        }
    }

    private void Event(StepRecord step, string type, string reason, string message) => Event(step.Region, type, reason, message);
}
