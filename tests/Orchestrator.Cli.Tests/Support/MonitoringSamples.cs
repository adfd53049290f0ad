using System.Text.Json;
using System.Text.RegularExpressions;
using Orchestrator.Testing;
using YamlDotNet.RepresentationModel;

namespace Orchestrator.Cli.Tests.Support;

/// <summary>The queries of <c>samples/monitoring/</c>: every alert rule's and every dashboard panel's expression.</summary>
internal static partial class MonitoringSamples
{
    public static string RulesPath => RepositoryFiles.PathOf("samples", "monitoring", "prometheus-rules.yaml");

    public static string DashboardPath => RepositoryFiles.PathOf("samples", "monitoring", "grafana-dashboard.json");

    /// <summary>The <c>expr</c> of every rule, wherever it is in the manifest.</summary>
    public static IReadOnlyList<string> RuleExpressions()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(RulesPath))
        {
            yaml.Load(reader);
        }

        var found = new List<string>();
        foreach (var document in yaml.Documents)
        {
            Collect(document.RootNode, found);
        }

        return found;
    }

    /// <summary>The <c>expr</c> of every panel's targets.</summary>
    public static IReadOnlyList<string> DashboardExpressions()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(DashboardPath));
        var found = new List<string>();
        Collect(dashboard.RootElement, found);
        return found;
    }

    /// <summary>The orchestrator's metric names an expression uses, as they appear in a scrape (a histogram's _bucket, _count).</summary>
    public static IEnumerable<string> MetricNames(string expression) => MetricName().Matches(expression).Select(match => match.Value);

    private static void Collect(YamlNode node, List<string> found)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (key, value) in mapping.Children)
                {
                    if (key is YamlScalarNode { Value: "expr" } && value is YamlScalarNode { Value: { } expression })
                    {
                        found.Add(expression);
                    }

                    Collect(value, found);
                }

                break;
            case YamlSequenceNode sequence:
                foreach (var item in sequence.Children)
                {
                    Collect(item, found);
                }

                break;
        }
    }

    private static void Collect(JsonElement element, List<string> found)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property is { Name: "expr", Value.ValueKind: JsonValueKind.String })
                    {
                        found.Add(property.Value.GetString()!);
                    }

                    Collect(property.Value, found);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, found);
                }

                break;
        }
    }

    [GeneratedRegex(@"\borchestrator_[a-z0-9_]+")]
    private static partial Regex MetricName();
}
