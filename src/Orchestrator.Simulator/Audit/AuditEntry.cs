using System.Text.Json.Serialization;

namespace Orchestrator.Simulator.Audit;

/// <summary>One mutating request as <c>audit.jsonl</c> records it.</summary>
internal sealed record AuditEntry(
    [property: JsonPropertyName("time")] DateTimeOffset Time,
    [property: JsonPropertyName("region")] string Region,
    [property: JsonPropertyName("verb")] string Verb,
    [property: JsonPropertyName("resource")] string Resource,
    [property: JsonPropertyName("namespace")] string? Namespace,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("userAgent")] string? UserAgent);
