using Orchestrator.Core.Rotations;

namespace Orchestrator.Core.Workflows;

/// <summary>
/// Derives the steps for N regions from the workflow: make the new CA, then for each phase and each region in
/// order, the phase's Secret change followed by a wait for that region's rollout. Every phase reaches every region
/// before the next phase starts anywhere: that is what keeps every pair of pods able to talk.
/// </summary>
public static class PlanBuilder
{
    public const string GenerateCaStep = "generate-ca";
    public const string WaitRolloutStep = "wait-rollout";

    public static IReadOnlyList<PlannedStep> Build(WorkflowDefinition workflow, IReadOnlyList<string> regions)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(regions);
        if (regions.Count == 0)
        {
            throw new ArgumentException("a plan needs at least one region", nameof(regions));
        }

        var steps = new List<PlannedStep> { new(1, GenerateCaStep, StepKind.GenerateCa, null, null) };
        foreach (var phase in workflow.Phases)
        {
            foreach (var region in regions)
            {
                steps.Add(new PlannedStep(steps.Count + 1, phase.Name, StepKind.UpdateSecret, region, phase.Name));
                steps.Add(new PlannedStep(steps.Count + 1, WaitRolloutStep, StepKind.WaitRollout, region, phase.Name));
            }
        }

        return steps;
    }
}
