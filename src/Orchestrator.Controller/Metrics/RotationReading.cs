using System.Collections.Immutable;
using Orchestrator.Core.Rotations;

namespace Orchestrator.Controller.Metrics;

/// <summary>One rotation as the metrics show it.</summary>
/// <param name="Step">The step running now, the one it stopped on, or the next; the step count once all are done.</param>
/// <param name="Pods">Per region, the pods its last wait there saw.</param>
public sealed record RotationReading(RotationState State, int Step, int Steps, bool AwaitingApproval, ImmutableDictionary<string, PodCount> Pods);
