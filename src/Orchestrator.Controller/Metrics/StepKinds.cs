using Orchestrator.Core.Rotations;

namespace Orchestrator.Controller.Metrics;

/// <summary>A step kind as labels and Events name it, in the words of the plan's step names.</summary>
internal static class StepKinds
{
    public static string Name(StepKind kind) => kind switch
    {
        StepKind.GenerateCa => "generate-ca",
        StepKind.UpdateSecret => "update-secret",
        StepKind.WaitRollout => "wait-rollout",
        _ => kind.ToString(),
    };
}
