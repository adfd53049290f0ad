namespace Orchestrator.Controller.Resources;

/// <summary>
/// Why a Paused CaRotation waits, as Argo Rollouts shapes its pause conditions: the reason (AwaitingApproval,
/// WaitingForWindow, Paused), since when, and before which step; for a window, when it opens.
/// </summary>
public sealed record PauseConditionStatus(string Reason, string StartTime, int Step, string? Region, string? Until, string Message);
