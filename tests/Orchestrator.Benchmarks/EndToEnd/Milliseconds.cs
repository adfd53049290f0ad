using System.Globalization;

namespace Orchestrator.Benchmarks.EndToEnd;

/// <summary>How the runner prints durations and sizes.</summary>
internal static class Milliseconds
{
    public static string Format(double milliseconds) => milliseconds >= 10_000
        ? string.Create(CultureInfo.InvariantCulture, $"{milliseconds / 1000:0.0} s")
        : milliseconds >= 1000
            ? string.Create(CultureInfo.InvariantCulture, $"{milliseconds / 1000:0.00} s")
            : string.Create(CultureInfo.InvariantCulture, $"{milliseconds:0.#} ms");

    public static string Format(TimeSpan duration) => Format(duration.TotalMilliseconds);
}
