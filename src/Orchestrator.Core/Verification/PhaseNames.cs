namespace Orchestrator.Core.Verification;

/// <summary>How a <see cref="RotationPhase"/> is written in output: <c>none</c>, <c>added</c>, <c>promoted</c>, <c>removed</c>, <c>unknown</c>.</summary>
public static class PhaseNames
{
    public static string Of(RotationPhase phase) => phase.ToString().ToLowerInvariant();
}
