namespace Orchestrator.Controller.Resources;

/// <summary>A Secret in the CaRotation's namespace.</summary>
public sealed record SecretNameReference(string Name);
