namespace Orchestrator.Controller.Resources;

/// <summary>One entry of a Secret in the CaRotation's namespace.</summary>
public sealed record SecretKeyReference(string Name, string Key);
