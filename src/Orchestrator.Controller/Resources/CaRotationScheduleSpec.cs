namespace Orchestrator.Controller.Resources;

/// <summary>What a schedule keeps fresh, and how early it renews.</summary>
/// <param name="Template">The spec of each CaRotation it creates; <c>newCa.alias</c> is a pattern such as <c>ca-{yyyyMMdd}</c>.</param>
/// <param name="RenewBefore">How long before the CA's end a rotation starts, as a Go duration; 720h when neither this nor a percentage is given.</param>
/// <param name="RenewBeforePercentage">The same, as a percentage (1-99) of the CA's lifetime.</param>
/// <param name="HistoryLimit">How many finished CaRotations are kept; older ones are deleted. Default 3.</param>
public sealed record CaRotationScheduleSpec(
    CaRotationSpec Template,
    string? RenewBefore = null,
    int? RenewBeforePercentage = null,
    int? HistoryLimit = null);
