using Orchestrator.Core.Gates;
using Orchestrator.Core.Specs;
using Orchestrator.Core.Workflows;

namespace Orchestrator.Core.Rotations;

/// <summary>
/// A CA rotation: its spec, the workflow and plan it follows, every step's record, and the CA material it needs.
/// The persisted document; the lifecycle state machine reads and writes <see cref="State"/> here.
/// </summary>
public sealed class Rotation
{
    public required RotationId Id { get; init; }

    public RotationState State { get; set; }

    public required RotationSpec Spec { get; init; }

    /// <summary>The workflow as it was when the rotation was created; a later edit of the file does not change it.</summary>
    public required WorkflowDefinition Workflow { get; init; }

    public required List<StepRecord> Steps { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The CA the clusters ran on when the rotation started.</summary>
    public CaMaterial? OldCa { get; set; }

    /// <summary>The CA the rotation moves to; set by the first step.</summary>
    public CaMaterial? NewCa { get; set; }

    /// <summary>Each region as preflight found it, before the rotation changed anything.</summary>
    public Dictionary<string, RolloutBaseline> StartBaselines { get; init; } = new(StringComparer.Ordinal);

    /// <summary>While <see cref="RotationState.Paused"/>: the gate it waits at.</summary>
    public Hold? Hold { get; set; }

    /// <summary>Why the rotation last stopped, for <c>status</c>.</summary>
    public string? Reason { get; set; }

    public string Cluster => Spec.Cluster;

    public static Rotation Create(
        RotationId id,
        RotationSpec spec,
        WorkflowDefinition workflow,
        CaMaterial oldCa,
        CaMaterial? suppliedNewCa,
        IReadOnlyDictionary<string, RolloutBaseline> startBaselines,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(spec);
        var plan = PlanBuilder.Build(workflow, spec.Regions.Select(region => region.Name).ToList());
        return new Rotation
        {
            Id = id,
            State = RotationState.Pending,
            Spec = spec,
            Workflow = workflow,
            Steps = plan.Select(step => new StepRecord
            {
                Number = step.Number,
                Name = step.Name,
                Kind = step.Kind,
                Region = step.Region,
                Phase = step.Phase,
                Status = StepStatus.Pending,
            }).ToList(),
            CreatedAt = now,
            UpdatedAt = now,
            OldCa = oldCa,
            NewCa = suppliedNewCa,
            StartBaselines = new Dictionary<string, RolloutBaseline>(startBaselines, StringComparer.Ordinal),
        };
    }

    /// <summary>The first step that has not succeeded, or null when all have.</summary>
    public StepRecord? NextStep() => Steps.FirstOrDefault(step => step.Status is not (StepStatus.Succeeded or StepStatus.Skipped));

    public PhaseDefinition Phase(string name) => Workflow.Phases.Single(phase => phase.Name == name);

    public RegionSpec Region(string name) => Spec.Regions.Single(region => region.Name == name);

    /// <summary>The Secret change a wait step waits for: the update step of the same phase and region.</summary>
    public StepRecord UpdateStepFor(StepRecord wait) =>
        Steps.Single(step => step.Kind == StepKind.UpdateSecret && step.Phase == wait.Phase && step.Region == wait.Region && step.Undo == wait.Undo);

    /// <summary>The Secret content an update step writes: its phase's, or for an undo, the content before its phase.</summary>
    public PhaseDefinition? TargetOf(StepRecord update) => update.Undo ? PreviousPhase(update.Phase!) : Phase(update.Phase!);

    /// <summary>The Secret content an update step expects to find before it writes.</summary>
    public PhaseDefinition? ExpectedBefore(StepRecord update) => update.Undo ? Phase(update.Phase!) : PreviousPhase(update.Phase!);

    /// <summary>
    /// The region as it last settled before <paramref name="update"/>: the previous wait's end, or preflight's view.
    /// </summary>
    public RolloutBaseline LastSettled(StepRecord update)
    {
        var previousWait = Steps
            .Where(step => step.Kind == StepKind.WaitRollout && step.Region == update.Region && step.Number < update.Number && step.Settled is not null)
            .MaxBy(step => step.Number);
        return previousWait?.Settled ?? StartBaselines[update.Region!];
    }

    /// <summary>The phase whose content a region's Secret holds when this phase's change is about to be made, or null before the first.</summary>
    public PhaseDefinition? PreviousPhase(string phase)
    {
        var index = Workflow.Phases.ToList().FindIndex(candidate => candidate.Name == phase);
        return index > 0 ? Workflow.Phases[index - 1] : null;
    }
}
