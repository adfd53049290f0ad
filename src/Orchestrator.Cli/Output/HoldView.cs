using System.Text.Json.Serialization;
using Orchestrator.Core.Gates;
using Orchestrator.Core.Rotations;

namespace Orchestrator.Cli.Output;

/// <summary>Where a Paused rotation waits, as <c>status --output json</c> shows it, with the command that releases it.</summary>
internal sealed record HoldView(
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("step")] int Step,
    [property: JsonPropertyName("region")][property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Region,
    [property: JsonPropertyName("since")] string Since,
    [property: JsonPropertyName("until")][property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Until,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("releaseWith")] string ReleaseWith)
{
    public static HoldView? Of(Rotation rotation, string stateOption) => rotation.State == RotationState.Paused && rotation.Hold is { } hold
        ? new(hold.Reason.ToString(), hold.Step, hold.Region, Times.Iso(hold.Since)!, Times.Iso(hold.Until), hold.Message, ReleaseCommand(rotation, hold, stateOption))
        : null;

    /// <summary>What a person runs to let the rotation go on from <paramref name="hold"/>.</summary>
    public static string ReleaseCommand(Rotation rotation, Hold hold, string stateOption) => hold.Reason switch
    {
        HoldReason.AwaitingApproval => $"orchestrator approve {rotation.Id} --step {hold.Step}{stateOption} && {StatusText.ResumeCommand(rotation, stateOption)}",
        HoldReason.Paused => $"orchestrator continue {rotation.Id}{stateOption} && {StatusText.ResumeCommand(rotation, stateOption)}",
        _ => $"{StatusText.ResumeCommand(rotation, stateOption)} (once the window is open)",
    };
}
