using System.Text;
using Orchestrator.Core.Rotations;
using Orchestrator.Core.Specs;

namespace Orchestrator.Cli.Output;

/// <summary>A rotation's status as a person reads it: where it stands, why, and every step.</summary>
internal static class StatusText
{
    public static string Render(Rotation rotation)
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

        text.Append('\n').Append(Steps(rotation));
        var next = rotation.NextStep();
        if (rotation.State is RotationState.Failed or RotationState.Running && next is not null)
        {
            text.Append('\n').Append("Next: step ").Append(next.Number).Append(" (").Append(next.Label).Append("); run: orchestrator resume ").Append(rotation.Id).Append('\n');
        }

        return text.ToString();
    }

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
