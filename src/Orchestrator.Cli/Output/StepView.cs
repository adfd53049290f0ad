using System.Text.Json.Serialization;
using Orchestrator.Core.Rotations;

namespace Orchestrator.Cli.Output;

/// <summary>A step as <c>status --output json</c> prints it (the outside contract: these names exactly).</summary>
/// <param name="Detail">What the step did, in a few words (the text's NOTE when there is no error).</param>
/// <param name="Progress">A running wait's progress as last saved.</param>
internal sealed record StepView(
    [property: JsonPropertyName("number")] int Number,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("region")] string? Region,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("attempts")] int Attempts,
    [property: JsonPropertyName("startedAt")] string? StartedAt,
    [property: JsonPropertyName("finishedAt")] string? FinishedAt,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("detail")][property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Detail,
    [property: JsonPropertyName("progress")][property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ProgressView? Progress)
{
    public static StepView Of(StepRecord step, RotationActivity activity) => new(
        step.Number,
        step.Name,
        step.Region,
        activity.StatusOf(step).ToString(),
        step.Attempts,
        Times.Iso(step.StartedAt),
        Times.Iso(step.FinishedAt),
        activity.ErrorOf(step),
        step.Detail,
        activity.Running == step ? ProgressView.Of(step.Progress) : null);
}
