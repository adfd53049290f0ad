using System.Globalization;
using System.Text;
using Orchestrator.Core.Rollouts;
using Orchestrator.Core.Rotations;
using Orchestrator.Core.Specs;

namespace Orchestrator.Cli.Output;

/// <summary>A rotation's status as a person reads it: where it stands, why, who runs it, and every step.</summary>
internal static class StatusText
{
    /// <param name="stateOption">What a printed command needs to reach the same state file (<c> --state PATH</c>, or nothing).</param>
    public static string Render(RotationActivity activity, DateTimeOffset now, string stateOption)
    {
        var rotation = activity.Rotation;
        var text = new StringBuilder()
            .Append("Rotation ").Append(rotation.Id).Append(": ").Append(activity.State).Append(Qualifier(activity)).Append('\n')
            .Append("Cluster:  ").Append(rotation.Cluster).Append(" in ").Append(string.Join(", ", rotation.Spec.Regions.Select(region => region.Name))).Append('\n')
            .Append("Secret:   ").Append(rotation.Spec.Namespace).Append('/').Append(rotation.Spec.CaSecret).Append(" (extra entry ").Append(rotation.Spec.ExtraCaKey).Append(")\n");
        if (rotation.OldCa is { } old)
        {
            text.Append("Old CA:   ").Append(old.Subject).Append(", SHA-256 ").Append(old.Sha256Fingerprint).Append('\n');
        }

        text.Append("New CA:   ").Append(rotation.NewCa is { } fresh ? $"{fresh.Subject}, SHA-256 {fresh.Sha256Fingerprint}" : $"not yet made (alias {rotation.Spec.NewCa.Alias ?? "from file"})").Append('\n')
            .Append("Created:  ").Append(Times.Short(rotation.CreatedAt)).Append("   Updated: ").Append(Times.Short(rotation.UpdatedAt)).Append('\n')
            .Append("Timeout:  ").Append(GoDuration.Format(rotation.Spec.RolloutTimeout)).Append(" per step\n");
        if (activity.Runner is { } runner)
        {
            text.Append("Run by:   ").Append(runner).Append('\n');
        }

        if (activity.Reason is { } reason && activity.State is not RotationState.Succeeded)
        {
            text.Append("Reason:   ").Append(reason).Append('\n');
        }

        if (rotation.State == RotationState.Paused && rotation.Hold is { } hold)
        {
            text.Append("Held:     ").Append(hold.Reason).Append(" since ").Append(Times.Short(hold.Since))
                .Append(hold.Until is { } until ? $", until {Times.Short(until)}" : string.Empty).Append('\n')
                .Append("Release:  ").Append(HoldView.ReleaseCommand(rotation, hold, stateOption)).Append('\n');
        }

        if (activity.Running is { } running)
        {
            text.Append('\n').Append(Running(rotation, running, now));
        }

        text.Append('\n').Append(Steps(activity));
        if (activity.Resumable && rotation.State != RotationState.Paused)
        {
            var next = rotation.NextStep()!;
            text.Append('\n').Append("Next: step ").Append(next.Number).Append(" (").Append(next.Label).Append("); run: ").Append(ResumeCommand(rotation, stateOption)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The command that continues the rotation, as a person pastes it.</summary>
    public static string ResumeCommand(Rotation rotation, string stateOption) => $"orchestrator resume {rotation.Id}{stateOption}";

    private static string Qualifier(RotationActivity activity) =>
        activity.Abandoned ? " (not running)"
        : activity.Rotation.Reason == Core.Engine.RotationRunner.InterruptedReason && activity.State is RotationState.Failed or RotationState.RollingBack ? " (interrupted)"
        : string.Empty;

    /// <summary>The step in progress: how long it has run, how long it may still run, and for a wait what it waits for.</summary>
    private static string Running(Rotation rotation, StepRecord step, DateTimeOffset now)
    {
        var elapsed = now - (step.StartedAt ?? now);
        var left = rotation.Spec.RolloutTimeout - elapsed;
        var text = new StringBuilder()
            .Append("Now:      step ").Append(step.Number).Append(" (").Append(step.Label).Append("), ")
            .Append(Times.Duration(elapsed)).Append(" in, ")
            .Append(left > TimeSpan.Zero ? Times.Duration(left) + " left before its timeout" : "past its timeout")
            .Append('\n');
        if (step.Progress is { } progress)
        {
            text.Append("Waiting:  for ").Append(WaitingText.For(progress.WaitingFor)).Append(" (as of ").Append(Times.Short(progress.ObservedAt)).Append(")\n");
            var table = new TextTable("  STATEFULSET", "REPLACED+READY", "OF");
            foreach (var set in progress.StatefulSets)
            {
                table.Add("  " + set.Name, set.ReplacedAndReady.ToString(CultureInfo.InvariantCulture), set.Total.ToString(CultureInfo.InvariantCulture));
            }

            text.Append(table).Append("Detail:   ").Append(progress.Diagnosis).Append('\n');
        }

        return text.ToString();
    }

    private static string Steps(RotationActivity activity)
    {
        var table = new TextTable("#", "STEP", "REGION", "STATUS", "ATTEMPTS", "STARTED", "TOOK", "NOTE");
        foreach (var step in activity.Rotation.Steps)
        {
            table.Add(
                step.Number.ToString(CultureInfo.InvariantCulture),
                step.Name,
                step.Region,
                activity.StatusOf(step).ToString(),
                step.Attempts.ToString(CultureInfo.InvariantCulture),
                step.StartedAt is null ? null : Times.Short(step.StartedAt),
                step.FinishedAt is null ? null : Times.Duration(step.FinishedAt - step.StartedAt),
                activity.ErrorOf(step) ?? step.Detail);
        }

        return table.ToString();
    }
}
