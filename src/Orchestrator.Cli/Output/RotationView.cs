using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Orchestrator.Core.Rotations;
using Orchestrator.Core.Specs;

namespace Orchestrator.Cli.Output;

/// <summary>
/// A rotation as <c>status</c> and <c>list</c> print it in JSON (the outside contract: these names exactly): at least
/// what the text shows. <c>list</c> leaves out what it does not read (the steps, the CAs, the spec's details); a field
/// that does not apply (no reason, nobody running it, no new CA yet) is left out too.
/// </summary>
/// <param name="Runner">Who runs it now (process, host, since when).</param>
/// <param name="ResumeWith">The command that continues it, when <c>resume</c> would.</param>
/// <param name="Hold">While Paused: the gate it waits at and what releases it.</param>
internal sealed record RotationView(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("cluster")] string Cluster,
    [property: JsonPropertyName("createdAt")] string CreatedAt,
    [property: JsonPropertyName("updatedAt")] string UpdatedAt,
    [property: JsonPropertyName("reason")][property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason,
    [property: JsonPropertyName("runner")][property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Runner,
    [property: JsonPropertyName("resumeWith")][property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ResumeWith,
    [property: JsonPropertyName("hold")][property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] HoldView? Hold,
    [property: JsonPropertyName("regions")][property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Regions,
    [property: JsonPropertyName("secret")][property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SecretView? Secret,
    [property: JsonPropertyName("rolloutTimeout")][property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RolloutTimeout,
    [property: JsonPropertyName("oldCa")][property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CaView? OldCa,
    [property: JsonPropertyName("newCa")][property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CaView? NewCa,
    [property: JsonPropertyName("steps")][property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<StepView>? Steps)
{
    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static RotationView Of(RotationActivity activity, string stateOption)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var rotation = activity.Rotation;
        return new(
            rotation.Id.ToString(),
            activity.State.ToString(),
            rotation.Cluster,
            Times.Iso(rotation.CreatedAt)!,
            Times.Iso(rotation.UpdatedAt)!,
            activity.State is RotationState.Succeeded ? null : activity.Reason,
            activity.Runner,
            activity.Resumable ? StatusText.ResumeCommand(rotation, stateOption) : null,
            HoldView.Of(rotation, stateOption),
            rotation.Spec.Regions.Select(region => region.Name).ToList(),
            new SecretView(rotation.Spec.Namespace, rotation.Spec.CaSecret, rotation.Spec.ExtraCaKey),
            GoDuration.Format(rotation.Spec.RolloutTimeout),
            CaView.Of(rotation.OldCa),
            CaView.Of(rotation.NewCa),
            rotation.Steps.Select(step => StepView.Of(step, activity)).ToList());
    }

    /// <param name="runner">Who runs it now, or null when nobody does.</param>
    public static RotationView Of(RotationSummary summary, string? runner)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var abandoned = runner is null && summary.State == RotationState.Running;
        return new(
            summary.Id.ToString(),
            (abandoned ? RotationState.Failed : summary.State).ToString(),
            summary.Cluster,
            Times.Iso(summary.CreatedAt)!,
            Times.Iso(summary.UpdatedAt)!,
            abandoned ? RotationActivity.AbandonedReason : null,
            runner,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    }
}
