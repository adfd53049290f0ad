using System.Globalization;
using Orchestrator.Controller.Resources;
using Orchestrator.Core.Rollouts;
using Orchestrator.Core.Rotations;
using StepStatus = Orchestrator.Core.Rotations.StepStatus;
using StepStatusView = Orchestrator.Controller.Resources.StepStatus;

namespace Orchestrator.Controller.Serving;

/// <summary>
/// A CaRotation's status as the controller reports it: from the rotation as it stands, or, before a rotation exists,
/// from why it has not started (a refusal by preflight, or another rotation of the same CA Secret).
/// </summary>
internal static class StatusReport
{
    public const string Ready = "Ready";
    public const string Progressing = "Progressing";
    public const string Failed = "Failed";

    /// <summary>The status of a rotation that exists; <paramref name="blocked"/> says why it cannot go on now, if so.</summary>
    public static CaRotationStatus Of(Rotation rotation, long? generation, CaRotationStatus? previous, DateTimeOffset now, string? blocked = null)
    {
        ArgumentNullException.ThrowIfNull(rotation);
        var running = rotation.Steps.FirstOrDefault(step => step.Status == StepStatus.Running);
        var current = running
            ?? (rotation.State == RotationState.Failed ? rotation.Steps.LastOrDefault(step => step.Status == StepStatus.Failed) : null)
            ?? rotation.NextStep();
        var progress = running?.Progress is { } saved ? Progress(saved) : null;
        var (ready, progressing, failed) = Conditions(rotation, running, blocked);
        return new CaRotationStatus(
            State: rotation.State.ToString(),
            ObservedGeneration: generation,
            CurrentStep: current is null ? null : new CurrentStepStatus(current.Number, current.Name, current.Region),
            Steps: [.. rotation.Steps.Select(Step)],
            Progress: progress,
            Conditions: Stamped(previous, generation, now, ready, progressing, failed),
            Message: blocked ?? rotation.Reason,
            StepText: CaRotationStatus.StepTextOf(current?.Number ?? rotation.Steps.Count, rotation.Steps.Count),
            Region: current?.Region,
            ProgressText: CaRotationStatus.ProgressTextOf(progress),
            PauseConditions: rotation.State == RotationState.Paused && rotation.Hold is { } hold
                ? [new PauseConditionStatus(hold.Reason.ToString(), Iso(hold.Since)!, hold.Step, hold.Region, Iso(hold.Until), hold.Message)]
                : null);
    }

    /// <summary>The status of a CaRotation that preflight refused: nothing was written anywhere.</summary>
    public static CaRotationStatus PreflightFailed(string message, long? generation, CaRotationStatus? previous, DateTimeOffset now) => new(
        State: RotationState.Failed.ToString(),
        ObservedGeneration: generation,
        Conditions: Stamped(
            previous,
            generation,
            now,
            (false, "PreflightFailed", "the rotation did not start"),
            (false, "PreflightFailed", "fix the CaRotation (a new spec is checked again) or the clusters, then add the retry annotation"),
            (true, "PreflightFailed", message)),
        Message: message);

    /// <summary>The status of a CaRotation aborted before it started: nothing was changed anywhere.</summary>
    public static CaRotationStatus AbortedBeforeStart(long? generation, CaRotationStatus? previous, DateTimeOffset now) => new(
        State: RotationState.RolledBack.ToString(),
        ObservedGeneration: generation,
        Conditions: Stamped(
            previous,
            generation,
            now,
            (true, "RolledBack", "spec.abort was set before the rotation started"),
            (false, "RolledBack", "nothing was changed"),
            (false, "NotFailed", "nothing has failed")),
        Message: "spec.abort was set before the rotation started: nothing was changed");

    /// <summary>The status of a CaRotation waiting for another rotation of its CA Secret.</summary>
    public static CaRotationStatus Blocked(string message, long? generation, CaRotationStatus? previous, DateTimeOffset now) => new(
        State: RotationState.Pending.ToString(),
        ObservedGeneration: generation,
        Conditions: Stamped(
            previous,
            generation,
            now,
            (false, "Blocked", "the rotation has not started"),
            (false, "Blocked", message),
            (false, "Blocked", "nothing has failed")),
        Message: message);

    private static ((bool, string, string) Ready, (bool, string, string) Progressing, (bool, string, string) Failed) Conditions(Rotation rotation, StepRecord? running, string? blocked)
    {
        var reason = rotation.Reason ?? rotation.State.ToString();
        var healthy = (false, "NotFailed", "nothing has failed");
        return rotation.State switch
        {
            RotationState.Succeeded => ((true, "Succeeded", reason), (false, "Succeeded", reason), healthy),
            RotationState.RolledBack => ((true, "RolledBack", reason), (false, "RolledBack", reason), healthy),
            RotationState.Paused when rotation.Hold is { } hold => ((false, hold.Reason.ToString(), hold.Message), (false, hold.Reason.ToString(), hold.Message), healthy),
            RotationState.Failed => ((false, "StepFailed", reason), (false, "StepFailed", "waiting for the retry annotation or spec.abort"), (true, "StepFailed", reason)),
            _ when blocked is not null => ((false, "Blocked", blocked), (false, "Blocked", blocked), healthy),
            _ when running?.Kind == StepKind.WaitRollout => ((false, "WaitingForRollout", running.Label), (true, "WaitingForRollout", $"step {running.Number}: {running.Label}"), healthy),
            _ => ((false, rotation.State.ToString(), reason), (true, running is null ? rotation.State.ToString() : "StepRunning", running is null ? reason : $"step {running.Number}: {running.Label}"), healthy),
        };
    }

    /// <summary>Conditions in metav1's shape; a condition whose status did not change keeps its transition time.</summary>
    private static List<ConditionStatus> Stamped(CaRotationStatus? previous, long? generation, DateTimeOffset now, (bool, string, string) ready, (bool, string, string) progressing, (bool, string, string) failed)
    {
        var time = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return [Condition(Ready, ready), Condition(Progressing, progressing), Condition(Failed, failed)];

        ConditionStatus Condition(string type, (bool Status, string Reason, string Message) value)
        {
            var status = value.Status ? "True" : "False";
            var before = previous?.Conditions?.FirstOrDefault(condition => condition.Type == type);
            return new ConditionStatus(type, status, generation, before?.Status == status ? before.LastTransitionTime : time, value.Reason, value.Message);
        }
    }

    private static StepStatusView Step(StepRecord step) => new(
        step.Number,
        step.Name,
        step.Region,
        step.Status.ToString(),
        step.Attempts,
        Iso(step.StartedAt),
        Iso(step.FinishedAt),
        step.Error,
        step.Detail);

    private static WaitProgressStatus Progress(WaitProgress progress) => new(
        progress.WaitingFor,
        WaitingText.For(progress.WaitingFor),
        [.. progress.StatefulSets.Select(set => new StatefulSetProgressStatus(set.Name, set.ReplacedAndReady, set.Total))],
        progress.Diagnosis,
        Iso(progress.ObservedAt)!);

    private static string? Iso(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
