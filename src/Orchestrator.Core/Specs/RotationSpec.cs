using Orchestrator.Core.Gates;

namespace Orchestrator.Core.Specs;

/// <summary>What to rotate, as the spec file says it, with defaults applied and paths made absolute.</summary>
public sealed record RotationSpec(
    string Cluster,
    string Namespace,
    string CaSecret,
    string ExtraCaKey,
    NewCaSpec NewCa,
    IReadOnlyList<RegionSpec> Regions,
    TimeSpan RolloutTimeout)
{
    public const string DefaultExtraCaKey = "ca2.crt";

    /// <summary>Where a person approves before the rotation goes on.</summary>
    public ApprovalMode Approval { get; init; } = ApprovalMode.None;

    /// <summary>When Secret writes may begin in regions without windows of their own; none means any time.</summary>
    public IReadOnlyList<MaintenanceWindow> MaintenanceWindows { get; init; } = [];

    public static readonly TimeSpan DefaultRolloutTimeout = TimeSpan.FromMinutes(30);
}
