using System.Text.Json.Serialization;
using Orchestrator.Core.Rotations;

namespace Orchestrator.Cli.Output;

/// <summary>
/// A journal entry as <c>history --output json</c> prints it: every field always present (null where it does not
/// apply), so that scripts can rely on the shape.
/// </summary>
internal sealed record HistoryEntryView(
    [property: JsonPropertyName("time")] string Time,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("from")] string? From,
    [property: JsonPropertyName("to")] string? To,
    [property: JsonPropertyName("trigger")] string? Trigger,
    [property: JsonPropertyName("step")] int? Step,
    [property: JsonPropertyName("stepName")] string? StepName,
    [property: JsonPropertyName("region")] string? Region,
    [property: JsonPropertyName("attempt")] int? Attempt,
    [property: JsonPropertyName("durationSeconds")] double? DurationSeconds,
    [property: JsonPropertyName("reason")] string? Reason)
{
    public static HistoryEntryView Of(JournalEntry entry) => new(
        Times.Iso(entry.Time)!,
        entry.Kind.ToString(),
        entry.From,
        entry.To,
        entry.Trigger,
        entry.Step,
        entry.StepName,
        entry.Region,
        entry.Attempt,
        entry.Duration is { } duration ? Math.Round(duration.TotalSeconds, 3) : null,
        entry.Reason);
}
