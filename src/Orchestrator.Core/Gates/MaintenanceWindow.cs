using Cronos;

namespace Orchestrator.Core.Gates;

/// <summary>
/// A recurring time in which a region's pods may be restarted: it opens at each time <see cref="Cron"/> names (five
/// fields, read in <see cref="TimeZone"/>, daylight saving included) and stays open for <see cref="Duration"/>. A
/// Secret write, which starts a rolling restart, begins only while a window is open; a wait that has begun goes on past
/// its end.
/// </summary>
/// <param name="TimeZone">An IANA time zone such as <c>Europe/Berlin</c>, or <c>UTC</c>.</param>
public sealed record MaintenanceWindow(string Cron, TimeSpan Duration, string TimeZone)
{
    /// <summary>Whether the window is open at <paramref name="now"/>: an opening in (now - duration, now].</summary>
    public bool IsOpenAt(DateTimeOffset now)
    {
        var zone = Zone();
        return Expression().GetOccurrences(now - Duration, now, zone, fromInclusive: false, toInclusive: true).Any();
    }

    /// <summary>When it next opens after <paramref name="now"/>, or null when the expression never occurs again.</summary>
    public DateTimeOffset? NextOpeningAfter(DateTimeOffset now) => Expression().GetNextOccurrence(now, Zone(), inclusive: false);

    /// <summary>How messages name it: "0 2 * * SAT for 4h (Europe/Berlin)".</summary>
    public string Describe() => $"'{Cron}' for {Specs.GoDuration.Format(Duration)} ({TimeZone})";

    private CronExpression Expression() => CronExpression.Parse(Cron, CronFormat.Standard);

    private TimeZoneInfo Zone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}
