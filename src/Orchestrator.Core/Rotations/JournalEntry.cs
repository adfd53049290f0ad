namespace Orchestrator.Core.Rotations;

/// <summary>
/// One line of a rotation's append-only history: a lifecycle transition, or the start or end of a step attempt.
/// </summary>
public sealed record JournalEntry
{
    public required RotationId RotationId { get; init; }

    public required DateTimeOffset Time { get; init; }

    public required JournalEntryKind Kind { get; init; }

    /// <summary>For a transition: the state before; for a step: its status before.</summary>
    public string? From { get; init; }

    /// <summary>For a transition: the state after; for a step: its status after.</summary>
    public string? To { get; init; }

    public string? Trigger { get; init; }

    public int? Step { get; init; }

    public string? StepName { get; init; }

    public string? Region { get; init; }

    public int? Attempt { get; init; }

    public TimeSpan? Duration { get; init; }

    public string? Reason { get; init; }
}
