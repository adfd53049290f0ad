using Orchestrator.Core.Rotations;

namespace Orchestrator.Cli.Output;

/// <summary>
/// A rotation as it stands, given who runs it now (the holder of its run lock) or that nobody does. A rotation left
/// Running, or with a step Running, by a process that ended without saving (killed, or its machine gone) is not
/// running: it is shown stopped, as a failure would have left it, with what to do.
/// </summary>
internal sealed class RotationActivity(Rotation rotation, string? holder)
{
    public const string AbandonedReason = "not running: its process ended without saving; resume to continue";

    private const string AbandonedStepError = "its process ended while this step ran; resume continues it";

    public Rotation Rotation => rotation;

    /// <summary>Who runs it now (process, host, since when), or null when nobody does.</summary>
    public string? Runner => rotation.State is RotationState.Succeeded or RotationState.RolledBack ? null : holder;

    public bool Abandoned => Runner is null
        && (rotation.State == RotationState.Running || rotation.Steps.Any(step => step.Status == StepStatus.Running));

    public RotationState State => Abandoned && rotation.State == RotationState.Running ? RotationState.Failed : rotation.State;

    public string? Reason => Abandoned ? AbandonedReason : rotation.Reason;

    /// <summary>Whether <c>resume</c> would continue it now: unfinished, with a step left, and nobody running it.</summary>
    public bool Resumable => Runner is null && rotation.State is not (RotationState.Succeeded or RotationState.RolledBack) && rotation.NextStep() is not null;

    public StepStatus StatusOf(StepRecord step) => Abandoned && step.Status == StepStatus.Running ? StepStatus.Failed : step.Status;

    public string? ErrorOf(StepRecord step) => Abandoned && step.Status == StepStatus.Running ? AbandonedStepError : step.Error;

    /// <summary>The step in progress in a process that runs it now.</summary>
    public StepRecord? Running => Runner is null ? null : rotation.Steps.FirstOrDefault(step => step.Status == StepStatus.Running);
}
