using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Orchestrator.Core.Rotations;

namespace Orchestrator.Cli.Output;

/// <summary>A rotation as <c>status</c> and <c>list</c> print it in JSON (the outside contract: these names exactly).</summary>
internal sealed record RotationView(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("cluster")] string Cluster,
    [property: JsonPropertyName("createdAt")] string CreatedAt,
    [property: JsonPropertyName("updatedAt")] string UpdatedAt,
    [property: JsonPropertyName("steps")][property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<StepView>? Steps)
{
    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static RotationView Of(Rotation rotation) => new(
        rotation.Id,
        rotation.State.ToString(),
        rotation.Cluster,
        Times.Iso(rotation.CreatedAt)!,
        Times.Iso(rotation.UpdatedAt)!,
        rotation.Steps.Select(StepView.Of).ToList());

    public static RotationView Of(RotationSummary summary) => new(
        summary.Id,
        summary.State.ToString(),
        summary.Cluster,
        Times.Iso(summary.CreatedAt)!,
        Times.Iso(summary.UpdatedAt)!,
        null);
}
