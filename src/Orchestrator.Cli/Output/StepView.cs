using System.Text.Json.Serialization;
using Orchestrator.Core.Rotations;

namespace Orchestrator.Cli.Output;

/// <summary>A step as <c>status --output json</c> prints it (the outside contract: these names exactly).</summary>
internal sealed record StepView(
    [property: JsonPropertyName("number")] int Number,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("region")] string? Region,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("attempts")] int Attempts,
    [property: JsonPropertyName("startedAt")] string? StartedAt,
    [property: JsonPropertyName("finishedAt")] string? FinishedAt,
    [property: JsonPropertyName("error")] string? Error)
{
    public static StepView Of(StepRecord step) => new(
        step.Number,
        step.Name,
        step.Region,
        step.Status.ToString(),
        step.Attempts,
        Times.Iso(step.StartedAt),
        Times.Iso(step.FinishedAt),
        step.Error);
}
