using System.Globalization;
using Orchestrator.Core.Gates;

namespace Orchestrator.Core.Tests.Gates;

public sealed class MaintenanceWindowTests
{
    [Fact]
    public void IsOpenAt_FromItsOpeningUntilItsDurationHasPassed()
    {
        var window = new MaintenanceWindow("0 2 * * *", TimeSpan.FromHours(2), "UTC");

        Assert.False(window.IsOpenAt(At("2026-12-07T01:59:59Z")));
        Assert.True(window.IsOpenAt(At("2026-12-07T02:00:00Z")));
        Assert.True(window.IsOpenAt(At("2026-12-07T03:59:59Z")));
        Assert.False(window.IsOpenAt(At("2026-12-07T04:00:00Z")));
    }

    [Fact]
    public void NextOpeningAfter_ReadsTheCronInItsTimeZone()
    {
        var berlin = new MaintenanceWindow("0 2 * * *", TimeSpan.FromHours(1), "Europe/Berlin");

        // 02:00 in Berlin is 01:00Z in winter (CET).
        Assert.Equal(At("2026-12-07T01:00:00Z"), berlin.NextOpeningAfter(At("2026-12-06T12:00:00Z")));
    }

    [Fact]
    public void NextOpeningAfter_FollowsDaylightSavingChanges()
    {
        var newYork = new MaintenanceWindow("30 3 * * *", TimeSpan.FromHours(1), "America/New_York");

        // The US moves to daylight time at 02:00 on 2026-03-08: 03:30 is 08:30Z before and 07:30Z after.
        Assert.Equal(At("2026-03-07T08:30:00Z"), newYork.NextOpeningAfter(At("2026-03-07T00:00:00Z")));
        Assert.Equal(At("2026-03-08T07:30:00Z"), newYork.NextOpeningAfter(At("2026-03-07T09:00:00Z")));
    }

    [Fact]
    public void NextOpeningAfter_ANeverOccurringCron_IsNull()
    {
        var never = new MaintenanceWindow("0 0 30 2 *", TimeSpan.FromHours(1), "UTC");

        Assert.Null(never.NextOpeningAfter(At("2026-12-06T00:00:00Z")));
        Assert.Null(new WindowSchedule([never]).OpenFrom(At("2026-12-06T00:00:00Z")));
    }

    [Fact]
    public void OpenFrom_NowWhenAnyIsOpen_ElseTheEarliestNextOpening_AndAnyTimeWithoutWindows()
    {
        var now = At("2026-12-07T05:00:00Z");
        var night = new MaintenanceWindow("0 1 * * *", TimeSpan.FromHours(2), "UTC");
        var morning = new MaintenanceWindow("0 6 * * *", TimeSpan.FromHours(2), "UTC");
        var early = new MaintenanceWindow("0 4 * * *", TimeSpan.FromHours(2), "UTC");

        Assert.Equal(At("2026-12-07T06:00:00Z"), new WindowSchedule([night, morning]).OpenFrom(now));
        Assert.Equal(now, new WindowSchedule([night, early]).OpenFrom(now));
        Assert.Equal(now, new WindowSchedule([]).OpenFrom(now));
    }

    [Theory]
    [InlineData("0 2 * *", "not a cron expression of five fields")]
    [InlineData("61 2 * * *", "not a cron expression of five fields")]
    public void CronProblem_NamesTheExpression(string cron, string expected)
    {
        Assert.Contains(expected, WindowRules.CronProblem(cron), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("30s", "too short")]
    [InlineData("168h", "a week or more")]
    [InlineData("soon", "not a duration")]
    public void Duration_RefusesWhatCannotBeAWindow(string text, string expected)
    {
        Assert.Null(WindowRules.Duration(text, out var problem));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TimeZoneProblem_AnUnknownZone_SaysWhatToUse()
    {
        Assert.Contains("IANA", WindowRules.TimeZoneProblem("Mars/Olympus"), StringComparison.Ordinal);
        Assert.Null(WindowRules.TimeZoneProblem("Europe/Berlin"));
    }

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
