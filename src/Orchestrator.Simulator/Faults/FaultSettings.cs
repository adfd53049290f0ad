using System.Text.Json.Serialization;

namespace Orchestrator.Simulator.Faults;

/// <summary>The faults of one region, as <c>PUT /simulator/faults</c> takes them; every field optional, <c>{}</c> clears.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record FaultSettings
{
    public static readonly FaultSettings None = new();

    [JsonPropertyName("failRequests")]
    public IReadOnlyList<RequestFailure> FailRequests { get; init; } = [];

    [JsonPropertyName("latencyMs")]
    public int LatencyMs { get; init; }

    [JsonPropertyName("closeWatchesAfterEvents")]
    public int? CloseWatchesAfterEvents { get; init; }

    [JsonPropertyName("stuckPods")]
    public IReadOnlyList<string> StuckPods { get; init; } = [];

    [JsonPropertyName("operatorPaused")]
    public bool OperatorPaused { get; init; }

    /// <summary>
    /// Clients cut off from the API as by a network partition: a request whose User-Agent header starts with one of
    /// these gets no response (its connection is aborted), and their open watches end when the cut-off starts.
    /// </summary>
    [JsonPropertyName("cutOffUserAgents")]
    public IReadOnlyList<string> CutOffUserAgents { get; init; } = [];

    public bool CutsOff(string userAgent) =>
        CutOffUserAgents.Any(agent => userAgent.StartsWith(agent, StringComparison.Ordinal));

    /// <summary>What is wrong with these settings, if anything, in words for the caller.</summary>
    public IEnumerable<string> Problems()
    {
        if (LatencyMs < 0)
        {
            yield return "latencyMs must be 0 or more";
        }

        if (CloseWatchesAfterEvents is < 1)
        {
            yield return "closeWatchesAfterEvents must be 1 or more";
        }

        if (CutOffUserAgents.Any(string.IsNullOrWhiteSpace))
        {
            yield return "cutOffUserAgents: every entry must be a non-empty User-Agent prefix";
        }

        foreach (var failure in FailRequests)
        {
            foreach (var problem in failure.Problems())
            {
                yield return problem;
            }
        }
    }
}
