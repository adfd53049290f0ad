namespace Orchestrator.Kubernetes.Observation;

/// <summary>How one watch stream ended, how many changes it brought, and the error it ended with, if any.</summary>
internal readonly record struct WatchResult(WatchStop Stop, int Events, string? Problem);
