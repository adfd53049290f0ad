namespace Orchestrator.Controller.Resources;

/// <summary>Where a schedule stands: its regions' CAs, when it renews next, and its CaRotations.</summary>
/// <param name="NextRenewalTime">When the next CaRotation is due (ISO 8601 UTC); in the past while one is due.</param>
/// <param name="CurrentRotation">The schedule's CaRotation that has not finished (Pending, Running, Failed, RollingBack).</param>
/// <param name="LastRotation">Its newest finished CaRotation.</param>
/// <param name="LastResult">That CaRotation's end: Succeeded or RolledBack.</param>
/// <param name="Conditions">Ready, Due and Expired, in metav1.Condition's shape.</param>
public sealed record CaRotationScheduleStatus(
    long? ObservedGeneration = null,
    IReadOnlyList<RegionCaStatus>? Regions = null,
    string? NextRenewalTime = null,
    string? CurrentRotation = null,
    string? LastRotation = null,
    string? LastResult = null,
    IReadOnlyList<ConditionStatus>? Conditions = null,
    string? Message = null)
{
    /// <summary>Records compare lists by reference; a status read back equals the one written.</summary>
    public bool Equals(CaRotationScheduleStatus? other) =>
        other is not null
        && ObservedGeneration == other.ObservedGeneration
        && Same(Regions, other.Regions)
        && NextRenewalTime == other.NextRenewalTime
        && CurrentRotation == other.CurrentRotation
        && LastRotation == other.LastRotation
        && LastResult == other.LastResult
        && Same(Conditions, other.Conditions)
        && Message == other.Message;

    public override int GetHashCode() => HashCode.Combine(ObservedGeneration, NextRenewalTime, CurrentRotation, LastRotation, Message);

    private static bool Same<T>(IReadOnlyList<T>? left, IReadOnlyList<T>? right) =>
        left is null ? right is null : right is not null && left.SequenceEqual(right);
}
