using System.Globalization;

namespace Orchestrator.Cli.Output;

/// <summary>How times and durations are written: ISO 8601 UTC in JSON, short and readable in text.</summary>
internal static class Times
{
    public static string? Iso(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>To the millisecond, for a history whose entries can be moments apart.</summary>
    public static string Precise(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string Short(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";

    public static string Duration(TimeSpan? duration) => duration switch
    {
        null => "-",
        { TotalSeconds: < 10 } brief => $"{brief.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)}s",
        { TotalMinutes: < 2 } seconds => $"{(int)seconds.TotalSeconds}s",
        { TotalHours: < 2 } minutes => string.Create(CultureInfo.InvariantCulture, $"{(int)minutes.TotalMinutes}m{minutes.Seconds:00}s"),
        var hours => string.Create(CultureInfo.InvariantCulture, $"{(int)hours.Value.TotalHours}h{hours.Value.Minutes:00}m"),
    };
}
