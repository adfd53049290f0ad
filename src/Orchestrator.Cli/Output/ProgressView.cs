using System.Text.Json.Serialization;
using Orchestrator.Core.Rollouts;
using Orchestrator.Core.Rotations;

namespace Orchestrator.Cli.Output;

/// <summary>A running wait's progress as <c>status --output json</c> prints it: what the text's "Waiting" lines say.</summary>
/// <param name="WaitingFor">OperatorAcknowledgement, Rollout, Readiness or StatefulSetStatus.</param>
/// <param name="Waiting">The same, as the text says it.</param>
internal sealed record ProgressView(
    [property: JsonPropertyName("waitingFor")] string WaitingFor,
    [property: JsonPropertyName("waiting")] string Waiting,
    [property: JsonPropertyName("statefulSets")] IReadOnlyList<StatefulSetProgressView> StatefulSets,
    [property: JsonPropertyName("diagnosis")] string Diagnosis,
    [property: JsonPropertyName("observedAt")] string ObservedAt)
{
    public static ProgressView? Of(WaitProgress? progress) => progress is null ? null : new(
        progress.WaitingFor,
        WaitingText.For(progress.WaitingFor),
        progress.StatefulSets.Select(set => new StatefulSetProgressView(set.Name, set.ReplacedAndReady, set.Total)).ToList(),
        progress.Diagnosis,
        Times.Iso(progress.ObservedAt)!);
}
