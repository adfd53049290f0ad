using System.Globalization;
using System.Text.RegularExpressions;

namespace Orchestrator.Core.Specs;

/// <summary>Durations written as Kubernetes and Go write them: <c>30m</c>, <c>1h30m</c>, <c>90s</c>, <c>1.5h</c>.</summary>
public static partial class GoDuration
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var matches = Part().Matches(text.Trim());
        if (matches.Count == 0 || matches.Sum(match => match.Length) != text.Trim().Length)
        {
            return false;
        }

        double milliseconds = 0;
        foreach (Match match in matches)
        {
            var value = double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
            milliseconds += match.Groups["unit"].Value switch
            {
                "ms" => value,
                "s" => value * 1000,
                "m" => value * 60_000,
                "h" => value * 3_600_000,
                _ => double.NaN,
            };
        }

        if (double.IsNaN(milliseconds) || milliseconds > TimeSpan.MaxValue.TotalMilliseconds)
        {
            return false;
        }

        duration = TimeSpan.FromMilliseconds(milliseconds);
        return true;
    }

    public static string Format(TimeSpan duration)
    {
        if (duration.TotalSeconds < 1)
        {
            return $"{(long)duration.TotalMilliseconds}ms";
        }

        var parts = new List<string>();
        if (duration.TotalHours >= 1)
        {
            parts.Add($"{(long)duration.TotalHours}h");
        }

        if (duration.Minutes > 0)
        {
            parts.Add($"{duration.Minutes}m");
        }

        if (duration.Seconds > 0 || parts.Count == 0)
        {
            parts.Add($"{duration.Seconds}s");
        }

        return string.Concat(parts);
    }

    [GeneratedRegex(@"(?<value>\d+(\.\d+)?)(?<unit>ms|h|m|s)")]
    private static partial Regex Part();
}
