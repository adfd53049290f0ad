namespace Orchestrator.Controller.Schedules;

/// <summary>
/// When the cluster's CA is due for rotation: the <c>ca.crt</c> that ends first over the regions (they normally hold
/// the same one) less the renewal policy's lead.
/// </summary>
/// <param name="Region">The region whose <c>ca.crt</c> ends first.</param>
internal sealed record RenewalDue(DateTimeOffset DueAt, DateTimeOffset NotAfter, string Region, string Subject)
{
    /// <summary>The due time over every region's CA; null while any region's CA is not known.</summary>
    public static RenewalDue? Of(IReadOnlyList<RegionCaReading> regions, RenewalPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(regions);
        ArgumentNullException.ThrowIfNull(policy);
        if (regions.Count == 0 || regions.Any(region => region.Ca is null))
        {
            return null;
        }

        var first = regions.MinBy(region => region.Ca!.NotAfter)!;
        var ca = first.Ca!;
        return new RenewalDue(policy.DueAt(ca.NotBefore, ca.NotAfter), ca.NotAfter, first.Region, ca.Subject);
    }

    /// <summary>An expired CA is past rotating: peers already refuse it, so the procedure cannot keep trust.</summary>
    public bool IsExpired(DateTimeOffset now) => NotAfter <= now;

    public bool IsDue(DateTimeOffset now) => now >= DueAt;
}
