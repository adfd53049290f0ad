namespace Orchestrator.Controller.Resources;

/// <summary>The step running now, or the one that stopped the rotation.</summary>
public sealed record CurrentStepStatus(int Number, string Name, string? Region);
