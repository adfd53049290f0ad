namespace Orchestrator.Core.Verification;

/// <summary>What <c>verify</c> found across the regions of a spec.</summary>
/// <param name="Phase">The phase every region is in; null when they disagree.</param>
/// <param name="Consistent">Every region in the same known phase, signing with the same CA and trusting the same CAs.</param>
/// <param name="Ok">Consistent, and no region has a problem (node TLS Secret, operator acknowledgement, CA Secret).</param>
/// <param name="Problems">Every reason <paramref name="Ok"/> is false, each naming its region.</param>
public sealed record VerificationReport(
    IReadOnlyList<RegionVerification> Regions,
    RotationPhase? Phase,
    bool Consistent,
    bool Ok,
    IReadOnlyList<string> Problems)
{
    public static VerificationReport Of(IReadOnlyList<RegionVerification> regions)
    {
        ArgumentNullException.ThrowIfNull(regions);
        var problems = new List<string>();
        foreach (var region in regions.Where(region => region.Phase.Phase == RotationPhase.Unknown))
        {
            problems.Add($"{region.Region}: the phase cannot be told: {region.Phase.Reason}");
        }

        var phases = regions.Select(region => region.Phase.Phase).Distinct().ToList();
        if (phases.Count > 1)
        {
            problems.Add($"the regions disagree on the phase: {string.Join(", ", regions.Select(region => $"{region.Region} {PhaseNames.Of(region.Phase.Phase)}"))}; every phase must reach every region before the next starts anywhere");
        }
        else
        {
            problems.AddRange(CaDifferences(regions));
        }

        var consistent = problems.Count == 0;
        problems.AddRange(regions.SelectMany(region => region.Problems.Select(problem => $"{region.Region}: {problem}")));
        return new VerificationReport(regions, phases.Count == 1 ? phases[0] : null, consistent, problems.Count == 0, problems);
    }

    /// <summary>Regions in the same phase must still hold the same CAs, or their pods cannot trust each other.</summary>
    private static IEnumerable<string> CaDifferences(IReadOnlyList<RegionVerification> regions)
    {
        if (regions.Count == 0)
        {
            yield break;
        }

        var first = regions[0];
        foreach (var region in regions.Skip(1))
        {
            if (region.MainSha256 != first.MainSha256)
            {
                yield return $"{region.Region}: its ca.crt (SHA-256 {region.MainSha256 ?? "unreadable"}) is not {first.Region}'s (SHA-256 {first.MainSha256 ?? "unreadable"}); all regions must be signed by the same CA";
            }
            else if (!region.TrustedSha256.SequenceEqual(first.TrustedSha256))
            {
                yield return $"{region.Region}: its *.crt entries trust other CAs than {first.Region}'s; every region must trust the same CAs";
            }
        }
    }
}
