using System.Text.Json.Serialization;

namespace Orchestrator.Simulator.Audit;

/// <summary>The moment a pod turned Ready, as <c>pods.jsonl</c> records it.</summary>
internal sealed record PodReadyEntry(
    [property: JsonPropertyName("time")] DateTimeOffset Time,
    [property: JsonPropertyName("region")] string Region,
    [property: JsonPropertyName("namespace")] string? Namespace,
    [property: JsonPropertyName("pod")] string Pod,
    [property: JsonPropertyName("uid")] string Uid);
