namespace Orchestrator.Kubernetes.Observation;

/// <summary>The objects of one list call and the resource version a watch continues from.</summary>
internal sealed record ListResult<TObject>(IList<TObject> Items, string Version);
