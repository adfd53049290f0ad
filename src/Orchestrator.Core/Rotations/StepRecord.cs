namespace Orchestrator.Core.Rotations;

/// <summary>One step of a rotation's plan and what happened to it.</summary>
public sealed class StepRecord
{
    public required int Number { get; init; }

    public required string Name { get; init; }

    public required StepKind Kind { get; init; }

    /// <summary>The region the step acts on; null for the one step that acts on none (making the CA).</summary>
    public string? Region { get; init; }

    /// <summary>The workflow phase whose Secret change this step makes (or undoes) or waits for.</summary>
    public string? Phase { get; init; }

    /// <summary>A roll-back step: it puts back the content the region had before <see cref="Phase"/>.</summary>
    public bool Undo { get; init; }

    public StepStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public string? Error { get; set; }

    /// <summary>What the step did, in a few words (e.g. that the Secret already held its data).</summary>
    public string? Detail { get; set; }

    /// <summary>For a Secret change: its intent and whether it is done.</summary>
    public SecretWrite? Write { get; set; }

    /// <summary>For a wait: what it last saw, saved as it goes (at most about once a second).</summary>
    public WaitProgress? Progress { get; set; }

    /// <summary>For a finished wait: the region as the wait left it, the baseline for whatever changes it next.</summary>
    public RolloutBaseline? Settled { get; set; }

    public string Label => Region is null ? Name : $"{Name} {Region}";
}
