namespace Orchestrator.Kubernetes.Observation;

/// <summary>The statuses of one list call by object name, and the resource version a watch continues from.</summary>
internal sealed record ListResult<TStatus>(IReadOnlyList<(string Name, TStatus Status)> Items, string Version);
