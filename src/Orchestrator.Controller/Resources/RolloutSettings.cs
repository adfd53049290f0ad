namespace Orchestrator.Controller.Resources;

/// <summary>How long each wait step may take, as a Go duration such as 30m.</summary>
public sealed record RolloutSettings(string? Timeout);
