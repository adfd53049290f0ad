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

        foreach (var failure in FailRequests)
        {
            foreach (var problem in failure.Problems())
            {
                yield return problem;
            }
        }
    }
}
