using Cronos;
using Orchestrator.Core.Specs;

namespace Orchestrator.Core.Gates;

/// <summary>What a maintenance window must be, said the same way for the spec file and the CaRotation.</summary>
public static class WindowRules
{
    /// <summary>Shorter than this, no Secret write could be counted on to begin in time.</summary>
    public static readonly TimeSpan MinimumDuration = TimeSpan.FromMinutes(1);

    public static string? CronProblem(string cron)
    {
        try
        {
            CronExpression.Parse(cron, CronFormat.Standard);
            return null;
        }
        catch (CronFormatException invalid)
        {
            return $"'{cron}' is not a cron expression of five fields (minute hour day-of-month month day-of-week): {invalid.Message}";
        }
    }

    public static string? TimeZoneProblem(string zone)
    {
        try
        {
            TimeZoneInfo.FindSystemTimeZoneById(zone);
            return null;
        }
        catch (Exception unknown) when (unknown is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return $"'{zone}' is not a time zone this machine knows; use an IANA name such as UTC or Europe/Berlin";
        }
    }

    /// <summary>The duration as text (Go syntax, e.g. <c>4h</c>), checked; null with <paramref name="problem"/> set when not.</summary>
    public static TimeSpan? Duration(string text, out string? problem)
    {
        if (!GoDuration.TryParse(text, out var duration))
        {
            problem = $"'{text}' is not a duration; write it like 30m, 4h or 1h30m";
            return null;
        }

        if (duration < MinimumDuration)
        {
            problem = $"{GoDuration.Format(duration)} is too short: a window lasts at least {GoDuration.Format(MinimumDuration)}";
            return null;
        }

        if (duration >= TimeSpan.FromDays(7))
        {
            problem = $"{GoDuration.Format(duration)} is a week or more: leave maintenanceWindows out to allow any time";
            return null;
        }

        problem = null;
        return duration;
    }
}
