using k8s;

namespace Orchestrator.Kubernetes.Observation;

/// <summary>One watch event: its object's name and resource version, and its status when the event changes it.</summary>
internal readonly record struct WatchChange<TStatus>(WatchEventType Type, string? Name, string? Version, TStatus? Status);
