using System.Text.Json.Serialization;

namespace Orchestrator.Simulator.Trust;

/// <summary>A line of <c>trust.jsonl</c>: two running pods that could not complete mutual TLS, and why.</summary>
internal sealed record TrustViolation(
    [property: JsonPropertyName("time")] DateTimeOffset Time,
    [property: JsonPropertyName("podA")] TrustViolation.PodRef PodA,
    [property: JsonPropertyName("podB")] TrustViolation.PodRef PodB,
    [property: JsonPropertyName("reason")] string Reason)
{
    internal sealed record PodRef(
        [property: JsonPropertyName("region")] string Region,
        [property: JsonPropertyName("namespace")] string Namespace,
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("uid")] string Uid)
    {
        public static PodRef Of(RunningPod pod) => new(pod.Region, pod.Namespace, pod.Name, pod.Uid);
    }
}
