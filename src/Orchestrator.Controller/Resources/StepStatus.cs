namespace Orchestrator.Controller.Resources;

/// <summary>A step as <c>status --output json</c> prints it; times are ISO 8601 UTC.</summary>
/// <param name="Status">Pending, Running, Succeeded, Failed or Skipped.</param>
public sealed record StepStatus(
    int Number,
    string Name,
    string? Region,
    string Status,
    int Attempts,
    string? StartedAt = null,
    string? FinishedAt = null,
    string? Error = null,
    string? Detail = null);
