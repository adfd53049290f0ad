using Orchestrator.Core.Rotations;

namespace Orchestrator.Core.Preflight;

/// <summary>What preflight found in a region: its StatefulSets, pod count, and the baseline before any change.</summary>
public sealed record RegionReport(string Region, IReadOnlyList<string> StatefulSets, int Pods, RolloutBaseline Baseline);
