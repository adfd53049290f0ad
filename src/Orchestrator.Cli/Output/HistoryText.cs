using System.Globalization;
using System.Text;
using Orchestrator.Core.Rotations;

namespace Orchestrator.Cli.Output;

/// <summary>A rotation's journal as a person reads it: one row per transition or step attempt, oldest first.</summary>
internal static class HistoryText
{
    public static string Render(RotationActivity activity, IReadOnlyList<JournalEntry> journal)
    {
        var rotation = activity.Rotation;
        var table = new TextTable("TIME", "EVENT", "STEP", "REGION", "ATTEMPT", "FROM -> TO", "TRIGGER", "TOOK", "REASON");
        foreach (var entry in journal)
        {
            table.Add(
                Times.Precise(entry.Time),
                Event(entry.Kind),
                entry.Step is { } number ? string.Create(CultureInfo.InvariantCulture, $"{number} {entry.StepName}") : null,
                entry.Region,
                entry.Attempt?.ToString(CultureInfo.InvariantCulture),
                $"{entry.From ?? "-"} -> {entry.To ?? "-"}",
                entry.Trigger,
                entry.Kind == JournalEntryKind.StepFinished ? Times.Duration(entry.Duration) : null,
                entry.Reason);
        }

        return new StringBuilder()
            .Append("Rotation ").Append(rotation.Id).Append(" (cluster ").Append(rotation.Cluster).Append(", now ").Append(activity.State).Append(activity.Abandoned ? ", not running" : string.Empty).Append("): ")
            .Append(journal.Count).Append(journal.Count == 1 ? " entry\n\n" : " entries\n\n")
            .Append(table)
            .ToString();
    }

    private static string Event(JournalEntryKind kind) => kind switch
    {
        JournalEntryKind.Transition => "transition",
        JournalEntryKind.StepStarted => "step started",
        JournalEntryKind.StepFinished => "step finished",
        _ => kind.ToString(),
    };
}
