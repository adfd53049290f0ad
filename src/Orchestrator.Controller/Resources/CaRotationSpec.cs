namespace Orchestrator.Controller.Resources;

/// <summary>What the spec file carries, with regions' credentials and a brought CA taken from Secrets.</summary>
/// <param name="ExtraCaKey">The CA Secret entry for the second trusted CA; the spec file's default (ca2.crt) when absent.</param>
/// <param name="Regions">In the order the steps visit them.</param>
/// <param name="Abort">True asks for a rollback, with the same rules as <c>orchestrator abort</c>.</param>
/// <param name="Approval">none (default), phases or regions: where a person approves before the rotation goes on.</param>
/// <param name="MaintenanceWindows">When Secret writes may begin, for regions without windows of their own.</param>
/// <param name="ApprovedStep">The step of the gate a person approved (<c>orchestrator approve</c> sets it).</param>
/// <param name="Paused">True holds the rotation at its next step boundary; false or absent releases it.</param>
public sealed record CaRotationSpec(
    string Cluster,
    string Namespace,
    string CaSecret,
    string? ExtraCaKey,
    NewCaSource NewCa,
    IReadOnlyList<RegionSource> Regions,
    RolloutSettings? Rollout,
    bool? Abort,
    string? Approval = null,
    IReadOnlyList<MaintenanceWindowSource>? MaintenanceWindows = null,
    int? ApprovedStep = null,
    bool? Paused = null)
{
    /// <summary>Records compare lists by reference; a spec read back equals the one written.</summary>
    public bool Equals(CaRotationSpec? other) =>
        other is not null
        && Cluster == other.Cluster
        && Namespace == other.Namespace
        && CaSecret == other.CaSecret
        && ExtraCaKey == other.ExtraCaKey
        && NewCa == other.NewCa
        && Regions.SequenceEqual(other.Regions)
        && Rollout == other.Rollout
        && Abort == other.Abort
        && Approval == other.Approval
        && (MaintenanceWindows ?? []).SequenceEqual(other.MaintenanceWindows ?? [])
        && ApprovedStep == other.ApprovedStep
        && Paused == other.Paused;

    public override int GetHashCode() => HashCode.Combine(Cluster, Namespace, CaSecret, Regions.Count);
}
