namespace Orchestrator.Kubernetes.Connection;

/// <summary>The objects a list or watch asks for: API group (empty for the core API), version, resource, namespace and selectors.</summary>
internal sealed record ObjectQuery(string Group, string Version, string Plural, string Namespace, string? LabelSelector = null, string? FieldSelector = null);
