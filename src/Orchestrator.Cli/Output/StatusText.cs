using System.Text;
using Orchestrator.Core.Rotations;
using Orchestrator.Core.Specs;

namespace Orchestrator.Cli.Output;

/// <summary>A rotation's status as a person reads it: where it stands, why, and every step.</summary>
internal static class StatusText
{
    public static string Render(Rotation rotation, DateTimeOffset now)
    {
        var text = new StringBuilder()
            .Append("Rotation ").Append(rotation.Id).Append(": ").Append(rotation.State).Append('\n')
            .Append("Cluster:  ").Append(rotation.Cluster).Append(" in ").Append(string.Join(", ", rotation.Spec.Regions.Select(region => region.Name))).Append('\n')
            .Append("Secret:   ").Append(rotation.Spec.Namespace).Append('/').Append(rotation.Spec.CaSecret).Append(" (extra entry ").Append(rotation.Spec.ExtraCaKey).Append(")\n");
        if (rotation.OldCa is { } old)
        {
            text.Append("Old CA:   ").Append(old.Subject).Append(", SHA-256 ").Append(old.Sha256Fingerprint).Append('\n');
        }

        text.Append("New CA:   ").Append(rotation.NewCa is { } fresh ? $"{fresh.Subject}, SHA-256 {fresh.Sha256Fingerprint}" : $"not yet made (alias {rotation.Spec.NewCa.Alias ?? "from file"})").Append('\n')
            .Append("Created:  ").Append(Times.Short(rotation.CreatedAt)).Append("   Updated: ").Append(Times.Short(rotation.UpdatedAt)).Append('\n')
            .Append("Timeout:  ").Append(GoDuration.Format(rotation.Spec.RolloutTimeout)).Append(" per step\n");
        if (rotation.Reason is { } reason && rotation.State is not RotationState.Succeeded)
        {
            text.Append("Reason:   ").Append(reason).Append('\n');
        }

        if (rotation.Steps.FirstOrDefault(step => step.Status == StepStatus.Running) is { } running && rotation.State is RotationState.Running or RotationState.RollingBack)
        {
            text.Append('\n').Append(Running(rotation, running, now));
        }

        text.Append('\n').Append(Steps(rotation));
        var next = rotation.NextStep();
        if (rotation.State is RotationState.Failed or RotationState.Running && next is not null)
        {
            text.Append('\n').Append("Next: step ").Append(next.Number).Append(" (").Append(next.Label).Append("); run: orchestrator resume ").Append(rotation.Id).Append('\n');
        }

        return text.ToString();
    }

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
            text.Append("Waiting:  for ").Append(Waiting(progress.WaitingFor)).Append(" (as of ").Append(Times.Short(progress.ObservedAt)).Append(")\n");
            var table = new TextTable("  STATEFULSET", "REPLACED+READY", "OF");
            foreach (var set in progress.StatefulSets)
            {
                table.Add("  " + set.Name, set.ReplacedAndReady.ToString(System.Globalization.CultureInfo.InvariantCulture), set.Total.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            text.Append(table).Append("Detail:   ").Append(progress.Diagnosis).Append('\n');
        }

        return text.ToString();
    }

    private static string Waiting(string waitingFor) => waitingFor switch
    {
        nameof(Core.Engine.WaitingFor.OperatorAcknowledgement) => "the operator to acknowledge the change",
        nameof(Core.Engine.WaitingFor.Rollout) => "pods to be replaced",
        nameof(Core.Engine.WaitingFor.Readiness) => "replaced pods to become Ready",
        nameof(Core.Engine.WaitingFor.StatefulSetStatus) => "the StatefulSet controller to report the rollout complete",
        _ => waitingFor,
    };

    public static string Steps(Rotation rotation)
    {
        var table = new TextTable("#", "STEP", "REGION", "STATUS", "ATTEMPTS", "STARTED", "TOOK", "NOTE");
        foreach (var step in rotation.Steps)
        {
            table.Add(
                step.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                step.Name,
                step.Region,
                step.Status.ToString(),
                step.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
                step.StartedAt is null ? null : Times.Short(step.StartedAt),
                step.FinishedAt is null ? null : Times.Duration(step.FinishedAt - step.StartedAt),
                step.Error ?? step.Detail);
        }

        return table.ToString();
    }
}
