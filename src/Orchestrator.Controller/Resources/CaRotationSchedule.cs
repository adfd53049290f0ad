using k8s.Models;

namespace Orchestrator.Controller.Resources;

/// <summary>Keeps one cluster's CA fresh, as a CronJob keeps Jobs coming: a CaRotation from its template when the CA is due.</summary>
public sealed record CaRotationSchedule
{
    public string ApiVersion { get; init; } = CaRotationDefinition.ApiVersion;

    public string Kind { get; init; } = CaRotationScheduleDefinition.Kind;

    public V1ObjectMeta Metadata { get; init; } = new();

    public required CaRotationScheduleSpec Spec { get; init; }

    public CaRotationScheduleStatus? Status { get; init; }
}
