namespace Orchestrator.Controller.Resources;

/// <summary>
/// Where a CaRotation stands. <see cref="StepText"/>, <see cref="Region"/> and <see cref="ProgressText"/> repeat
/// what the other fields say as plain strings, because printer columns can only show one field each.
/// </summary>
/// <param name="State">The CLI's rotation states: Pending, Running, Paused, Failed, Succeeded, RollingBack, RolledBack.</param>
/// <param name="PauseConditions">While Paused: the gate it waits at (one entry).</param>
/// <param name="Steps">In the shape of <c>status --output json</c>.</param>
/// <param name="Progress">The running wait's progress.</param>
public sealed record CaRotationStatus(
    string? State = null,
    long? ObservedGeneration = null,
    CurrentStepStatus? CurrentStep = null,
    IReadOnlyList<StepStatus>? Steps = null,
    WaitProgressStatus? Progress = null,
    IReadOnlyList<ConditionStatus>? Conditions = null,
    string? Message = null,
    string? StepText = null,
    string? Region = null,
    string? ProgressText = null,
    IReadOnlyList<PauseConditionStatus>? PauseConditions = null)
{
    /// <summary>The STEP column: "9/13".</summary>
    public static string StepTextOf(int number, int total) => $"{number}/{total}";

    /// <summary>The PROGRESS column: each StatefulSet's replaced and Ready pods of its total, "2/3 dc1, 0/3 dc2".</summary>
    public static string? ProgressTextOf(WaitProgressStatus? progress) => progress is null
        ? null
        : string.Join(", ", progress.StatefulSets.Select(set => $"{set.ReplacedAndReady}/{set.Total} {set.Name}"));

    /// <summary>Records compare lists by reference; a status read back equals the one written.</summary>
    public bool Equals(CaRotationStatus? other) =>
        other is not null
        && State == other.State
        && ObservedGeneration == other.ObservedGeneration
        && CurrentStep == other.CurrentStep
        && Same(Steps, other.Steps)
        && Progress == other.Progress
        && Same(Conditions, other.Conditions)
        && Message == other.Message
        && StepText == other.StepText
        && Region == other.Region
        && ProgressText == other.ProgressText
        && Same(PauseConditions, other.PauseConditions);

    public override int GetHashCode() => HashCode.Combine(State, ObservedGeneration, CurrentStep, Message);

    private static bool Same<T>(IReadOnlyList<T>? left, IReadOnlyList<T>? right) =>
        left is null ? right is null : right is not null && left.SequenceEqual(right);
}
