using Orchestrator.Controller.Schedules;
using Orchestrator.Crypto;

namespace Orchestrator.Controller.Tests.Schedules;

/// <summary>When a CA is due: the earliest ca.crt over the regions, less the policy's lead; fixed times throughout.</summary>
public sealed class RenewalDueTests
{
    private static readonly DateTimeOffset Issued = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Ends = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Of_RenewBefore_IsTheEndLessTheLead()
    {
        var due = RenewalDue.Of([Reading("region1", Issued, Ends)], RenewalPolicy.Before(TimeSpan.FromHours(720)))!;

        Assert.Equal(new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero), due.DueAt);
        Assert.Equal((Ends, "region1", "O=ca1"), (due.NotAfter, due.Region, due.Subject));
    }

    [Fact]
    public void Of_Percentage_IsThatShareOfTheLifetimeBeforeTheEnd()
    {
        // 365 days of life; 20% of it is 73 days.
        var due = RenewalDue.Of([Reading("region1", Issued, Ends)], RenewalPolicy.BeforePercentage(20))!;

        Assert.Equal(Ends - TimeSpan.FromDays(73), due.DueAt);
    }

    [Fact]
    public void Of_RegionsWithDifferentCas_TheOneEndingFirstDecides()
    {
        var early = Ends - TimeSpan.FromDays(100);

        var due = RenewalDue.Of([Reading("region1", Issued, Ends), Reading("region2", Issued, early)], RenewalPolicy.Before(TimeSpan.FromDays(10)))!;

        Assert.Equal(("region2", early - TimeSpan.FromDays(10)), (due.Region, due.DueAt));
    }

    [Fact]
    public void Of_ARegionNotKnown_IsNull()
    {
        Assert.Null(RenewalDue.Of([Reading("region1", Issued, Ends), RegionCaReading.Unread("region2", "no Secret")], RenewalPolicy.Default));
        Assert.Null(RenewalDue.Of([], RenewalPolicy.Default));
    }

    [Fact]
    public void DefaultPolicy_Is720Hours()
    {
        Assert.Equal(Ends - TimeSpan.FromDays(30), RenewalDue.Of([Reading("region1", Issued, Ends)], RenewalPolicy.Default)!.DueAt);
    }

    [Theory]
    [InlineData(-1, false, false)]
    [InlineData(0, true, false)]
    [InlineData(24 * 29, true, false)]
    [InlineData(24 * 30, true, true)]
    [InlineData(24 * 31, true, true)]
    public void IsDueAndIsExpired_AroundTheDueTimeAndTheEnd(int hoursAfterDue, bool due, bool expired)
    {
        var renewal = RenewalDue.Of([Reading("region1", Issued, Ends)], RenewalPolicy.Before(TimeSpan.FromDays(30)))!;
        var now = renewal.DueAt + TimeSpan.FromHours(hoursAfterDue);

        Assert.Equal((due, expired), (renewal.IsDue(now), renewal.IsExpired(now)));
    }

    private static RegionCaReading Reading(string region, DateTimeOffset notBefore, DateTimeOffset notAfter) =>
        new(region, new CertificateDetails("O=ca1", "ca1", "O=ca1", "AA:BB", notBefore, notAfter, true, 2048, "01"), [], null);
}
