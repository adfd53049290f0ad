using k8s.Models;

namespace Orchestrator.Controller.Resources;

/// <summary>One CA rotation, like a Job: the spec says what is wanted, the status where it stands.</summary>
public sealed record CaRotation
{
    public string ApiVersion { get; init; } = CaRotationDefinition.ApiVersion;

    public string Kind { get; init; } = CaRotationDefinition.Kind;

    public V1ObjectMeta Metadata { get; init; } = new();

    public required CaRotationSpec Spec { get; init; }

    public CaRotationStatus? Status { get; init; }
}
