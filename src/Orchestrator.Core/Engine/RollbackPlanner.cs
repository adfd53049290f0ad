using Orchestrator.Core.Rotations;
using Orchestrator.Core.Steps;

namespace Orchestrator.Core.Engine;

/// <summary>
/// Plans the way back to the old CA after an abort: the forward procedure run backwards. Each region goes back one
/// phase at a time, every region (in reverse order) completing one backward phase before the next starts anywhere:
/// regions that had the new CA promoted get the old CA back as main (new as extra); then every region that trusts
/// the new CA has that extra entry removed. Once the old CA has been removed anywhere there is no way back.
/// </summary>
public static class RollbackPlanner
{
    public const string UndoPrefix = "undo-";

    /// <summary>Why the rotation cannot be rolled back, or null when it can.</summary>
    public static string? Refusal(Rotation rotation)
    {
        ArgumentNullException.ThrowIfNull(rotation);
        if (rotation.State is RotationState.Succeeded)
        {
            return $"rotation {rotation.Id} has succeeded: the old CA is gone; to go back, run a new rotation to the CA you want";
        }

        if (rotation.State is RotationState.RolledBack)
        {
            return $"rotation {rotation.Id} is already rolled back";
        }

        var last = rotation.Workflow.Phases[^1].Name;
        var removal = rotation.Steps.FirstOrDefault(step => step.Kind == StepKind.UpdateSecret && !step.Undo && step.Phase == last && step.Attempts > 0);
        return removal is null
            ? null
            : $"rotation {rotation.Id} cannot be aborted: the old CA's removal has started (step {removal.Number}, {removal.Label}), so the old CA is gone there; finish it with resume, then run a new rotation instead";
    }

    /// <summary>
    /// The undo steps for the regions as they are now (each region's CA Secret read), appended after the forward
    /// steps; forward steps not yet done are skipped. Throws <see cref="StepFailedException"/> when a region's
    /// Secret holds something the rotation did not put there.
    /// </summary>
    public static async Task PlanAsync(Rotation rotation, RegionClusters clusters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rotation);
        ArgumentNullException.ThrowIfNull(clusters);
        var phases = rotation.Workflow.Phases;
        var reached = new Dictionary<string, int>(StringComparer.Ordinal);
        if (rotation.NewCa is not null)
        {
            var content = new SecretContent(rotation.OldCa!, rotation.NewCa, rotation.Spec.ExtraCaKey);
            foreach (var region in rotation.Spec.Regions)
            {
                var secret = await clusters[region.Name].ReadSecretAsync(rotation.Spec.CaSecret, cancellationToken);
                reached[region.Name] = content.PhaseIndexOf(secret.Data, phases)
                    ?? throw new StepFailedException(
                        $"{region.Name}: cannot roll back: Secret {secret.Namespace}/{secret.Name} holds content this rotation did not write: "
                        + content.DescribeChange(secret.Data, null, phases[0]));
            }
        }

        foreach (var step in rotation.Steps.Where(step => step.Status is not (StepStatus.Succeeded or StepStatus.Skipped)))
        {
            // Whatever an attempt of it said (such as that resume continues it) no longer holds.
            step.Status = StepStatus.Skipped;
            step.Error = null;
            step.Detail = "skipped: the rotation was aborted";
        }

        var regions = rotation.Spec.Regions.Select(region => region.Name).Reverse().ToList();
        for (var phase = phases.Count - 1; phase >= 0; phase--)
        {
            foreach (var region in regions.Where(region => reached.GetValueOrDefault(region, -1) >= phase))
            {
                Add(rotation, StepKind.UpdateSecret, UndoPrefix + phases[phase].Name, region, phases[phase].Name);
                Add(rotation, StepKind.WaitRollout, Workflows.PlanBuilder.WaitRolloutStep, region, phases[phase].Name);
            }
        }
    }

    private static void Add(Rotation rotation, StepKind kind, string name, string region, string phase) =>
        rotation.Steps.Add(new StepRecord
        {
            Number = rotation.Steps.Count + 1,
            Name = name,
            Kind = kind,
            Region = region,
            Phase = phase,
            Undo = true,
            Status = StepStatus.Pending,
        });
}
