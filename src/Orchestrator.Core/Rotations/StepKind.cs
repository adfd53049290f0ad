namespace Orchestrator.Core.Rotations;

/// <summary>What a step does: make the new CA, change one region's CA Secret, or wait for that region's rollout.</summary>
public enum StepKind
{
    GenerateCa,
    UpdateSecret,
    WaitRollout,
}
