namespace Orchestrator.Cli.Tests.Support;

/// <summary>One sample line of a Prometheus text exposition: <c>name{label="value",...} value</c>.</summary>
internal sealed record MetricSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    public string? Label(string name) => Labels.TryGetValue(name, out var value) ? value : null;
}
