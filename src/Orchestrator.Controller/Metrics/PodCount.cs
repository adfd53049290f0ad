namespace Orchestrator.Controller.Metrics;

/// <summary>Pods replaced and Ready, of all the region's StatefulSets have.</summary>
public sealed record PodCount(int Ready, int Total);
