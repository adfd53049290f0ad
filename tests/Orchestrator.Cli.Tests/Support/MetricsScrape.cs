using System.Globalization;
using System.Text.RegularExpressions;

namespace Orchestrator.Cli.Tests.Support;

/// <summary>A scrape of <c>/metrics</c>, read as Prometheus reads the text format's sample lines.</summary>
internal static partial class MetricsScrape
{
    public static async Task<IReadOnlyList<MetricSample>> ReadAsync(int port)
    {
        using var http = new HttpClient();
        var text = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"), TestContext.Current.CancellationToken);
        return Parse(text);
    }

    public static IReadOnlyList<MetricSample> Parse(string text) =>
    [
        .. text.Split('\n')
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => Sample().Match(line))
            .Select(match => new MetricSample(
                match.Groups["name"].Value,
                Label().Matches(match.Groups["labels"].Value).ToDictionary(label => label.Groups["key"].Value, label => Regex.Unescape(label.Groups["value"].Value), StringComparer.Ordinal),
                double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture))),
    ];

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(?<labels>.*)\})?\s+(?<value>\S+)")]
    private static partial Regex Sample();

    [GeneratedRegex(@"(?<key>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(?:[^""\\]|\\.)*)""")]
    private static partial Regex Label();
}
