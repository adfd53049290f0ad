using System.Text.Json.Serialization;

namespace Orchestrator.Simulator.Audit;

/// <summary>
/// One request of any verb (reads, lists and watches too) as <c>requests.jsonl</c> records it, for measuring the load
/// a client puts on the API server. A request for no resource (discovery, health) has the HTTP method as its verb
/// and the path as its resource.
/// </summary>
internal sealed record RequestEntry(
    [property: JsonPropertyName("time")] DateTimeOffset Time,
    [property: JsonPropertyName("region")] string Region,
    [property: JsonPropertyName("verb")] string Verb,
    [property: JsonPropertyName("resource")] string Resource,
    [property: JsonPropertyName("namespace")] string? Namespace,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("userAgent")] string? UserAgent);
