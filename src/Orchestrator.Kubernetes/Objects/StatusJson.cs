namespace Orchestrator.Kubernetes.Objects;

/// <summary>A Status object, as a watch's error event carries it (410 Expired, say).</summary>
internal sealed record StatusJson(int? Code, string? Reason, string? Message);
