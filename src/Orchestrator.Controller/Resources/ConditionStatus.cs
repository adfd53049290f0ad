namespace Orchestrator.Controller.Resources;

/// <summary>A condition in metav1's shape: Ready, Progressing or Failed, with a reason such as WaitingForRollout.</summary>
/// <param name="Status">True, False or Unknown.</param>
/// <param name="LastTransitionTime">ISO 8601 UTC.</param>
public sealed record ConditionStatus(
    string Type,
    string Status,
    long? ObservedGeneration,
    string LastTransitionTime,
    string Reason,
    string Message);
