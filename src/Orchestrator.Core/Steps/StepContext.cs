using Orchestrator.Core.Engine;
using Orchestrator.Core.Persistence;
using Orchestrator.Core.Rotations;

namespace Orchestrator.Core.Steps;

/// <summary>What a step's execution works with.</summary>
/// <param name="Background">Where the step leaves work that the next step need not wait for.</param>
/// <param name="Deadline">Ends when the step's time is up (the caller's own token is the other half of the linked token).</param>
internal sealed record StepContext(
    Rotation Rotation,
    StepRecord Step,
    RegionClusters Clusters,
    IRotationStore Store,
    IRotationObserver Observer,
    TimeProvider Time,
    BackgroundWork Background,
    CancellationToken Deadline);
