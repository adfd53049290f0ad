using System.Text.Json.Serialization;

namespace Orchestrator.Benchmarks.EndToEnd;

/// <summary>
/// One line of the simulator's records (audit.jsonl, requests.jsonl, pods.jsonl): the fields this runner reads;
/// those a file does not have stay null.
/// </summary>
internal sealed record RecordLine(
    [property: JsonPropertyName("time")] DateTimeOffset Time,
    [property: JsonPropertyName("region")] string? Region,
    [property: JsonPropertyName("verb")] string? Verb,
    [property: JsonPropertyName("resource")] string? Resource,
    [property: JsonPropertyName("namespace")] string? Namespace,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("userAgent")] string? UserAgent,
    [property: JsonPropertyName("pod")] string? Pod)
{
    public bool IsSecretWrite => Verb is "update" or "patch" && Resource == "secrets" && Code is >= 200 and < 300;
}
