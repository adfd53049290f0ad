using Orchestrator.Core.Rotations;

namespace Orchestrator.Core.Gates;

/// <summary>
/// The gates a rotation passes at a step boundary, in this order: a pause, a person's approval, the region's
/// maintenance window. Only a step going forward that has not begun is held; a roll-back is never held, since an
/// abort is itself a person's decision to restore the old CA now.
/// </summary>
public static class RotationGates
{
    /// <summary>The hold before <paramref name="step"/>, or null when it may begin now.</summary>
    public static Hold? Before(Rotation rotation, StepRecord step, GateSignals signals, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rotation);
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(signals);
        if (step.Undo || rotation.State == RotationState.RollingBack)
        {
            return null;
        }

        if (signals.PauseRequested)
        {
            return Held(rotation, HoldReason.Paused, step, now, null, $"paused before step {step.Number} ({step.Label}); continue releases it");
        }

        if (NeedsApproval(rotation, step) && signals.ApprovedStep != step.Number)
        {
            var what = rotation.Spec.Approval == ApprovalMode.Phases ? $", the first of phase {step.Phase}" : string.Empty;
            return Held(rotation, HoldReason.AwaitingApproval, step, now, null, $"awaiting approval before step {step.Number} ({step.Label}{what})");
        }

        if (step.Kind != StepKind.UpdateSecret || step.Write?.Done == true)
        {
            return null;
        }

        var schedule = WindowSchedule.Of(rotation.Spec, step.Region!);
        var opens = schedule.OpenFrom(now);
        if (opens == now)
        {
            return null;
        }

        return Held(
            rotation,
            HoldReason.WaitingForWindow,
            step,
            now,
            opens,
            opens is { } at
                ? $"waiting for {step.Region}'s maintenance window before step {step.Number} ({step.Label}): it opens at {at.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} ({schedule.Describe()})"
                : $"{step.Region}'s maintenance windows never open again ({schedule.Describe()}); abort the rotation, or start a new one with windows that open");
    }

    /// <summary>Whether a person must approve <paramref name="step"/> before it begins.</summary>
    public static bool NeedsApproval(Rotation rotation, StepRecord step)
    {
        ArgumentNullException.ThrowIfNull(rotation);
        ArgumentNullException.ThrowIfNull(step);
        return !step.Undo && step.Status == StepStatus.Pending && step.Attempts == 0
            && ApprovalSteps(rotation.Spec.Approval, rotation.Steps.Where(candidate => !candidate.Undo).Select(candidate => (candidate.Number, candidate.Kind, candidate.Phase))).Contains(step.Number);
    }

    /// <summary>The steps of a plan a person approves before they begin: each phase's first Secret write, or every one.</summary>
    public static IReadOnlyList<int> ApprovalSteps(ApprovalMode mode, IEnumerable<(int Number, StepKind Kind, string? Phase)> plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var writes = plan.Where(step => step.Kind == StepKind.UpdateSecret).ToList();
        return mode switch
        {
            ApprovalMode.Regions => [.. writes.Select(step => step.Number)],
            ApprovalMode.Phases => [.. writes.GroupBy(step => step.Phase).Select(phase => phase.Min(step => step.Number))],
            _ => [],
        };
    }

    private static Hold Held(Rotation rotation, HoldReason reason, StepRecord step, DateTimeOffset now, DateTimeOffset? until, string message)
    {
        // Still held where it was: it has waited since then.
        var since = rotation.Hold is { } held && held.Reason == reason && held.Step == step.Number ? held.Since : now;
        return new Hold(reason, step.Number, step.Region, since, until, message);
    }
}
