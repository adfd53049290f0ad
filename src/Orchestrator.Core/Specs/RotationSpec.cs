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

    public static readonly TimeSpan DefaultRolloutTimeout = TimeSpan.FromMinutes(30);
}
