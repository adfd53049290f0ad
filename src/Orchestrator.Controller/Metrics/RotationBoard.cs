using System.Collections.Concurrent;
using System.Collections.Immutable;
using Orchestrator.Core.Gates;
using Orchestrator.Core.Rollouts;
using Orchestrator.Core.Rotations;

namespace Orchestrator.Controller.Metrics;

/// <summary>
/// Where each rotation this replica runs stands, as last reported: what the per-rotation metrics show. A rotation is
/// forgotten when its worker is done, so the series of finished rotations do not pile up.
/// </summary>
public sealed class RotationBoard
{
    private readonly ConcurrentDictionary<string, RotationReading> _rotations = new(StringComparer.Ordinal);

    /// <summary>Takes the rotation's state and step as they are now (called on the run's own thread, between its changes).</summary>
    public void Publish(string name, Rotation rotation)
    {
        ArgumentNullException.ThrowIfNull(rotation);
        var running = rotation.Steps.FirstOrDefault(step => step.Status == StepStatus.Running);
        var current = running
            ?? (rotation.State == RotationState.Failed ? rotation.Steps.LastOrDefault(step => step.Status == StepStatus.Failed) : null)
            ?? rotation.NextStep();
        var awaitingApproval = rotation.State == RotationState.Paused && rotation.Hold?.Reason == HoldReason.AwaitingApproval;
        _rotations.AddOrUpdate(
            name,
            _ => new RotationReading(rotation.State, current?.Number ?? rotation.Steps.Count, rotation.Steps.Count, awaitingApproval, ImmutableDictionary<string, PodCount>.Empty),
            (_, known) => known with { State = rotation.State, Step = current?.Number ?? rotation.Steps.Count, Steps = rotation.Steps.Count, AwaitingApproval = awaitingApproval });
    }

    /// <summary>Takes what a wait in <paramref name="region"/> sees: its pods replaced and Ready, of all.</summary>
    public void Progress(string name, string region, RolloutVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        var pods = new PodCount(verdict.StatefulSets.Sum(set => set.ReplacedAndReady), verdict.StatefulSets.Sum(set => set.Total));
        _rotations.AddOrUpdate(
            name,
            _ => new RotationReading(RotationState.Running, 0, 0, false, ImmutableDictionary<string, PodCount>.Empty.SetItem(region, pods)),
            (_, known) => known with { Pods = known.Pods.SetItem(region, pods) });
    }

    public void Forget(string name) => _rotations.TryRemove(name, out _);

    public IReadOnlyList<KeyValuePair<string, RotationReading>> Snapshot() => [.. _rotations];
}
