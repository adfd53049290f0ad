using System.Text.Json.Serialization;

namespace Orchestrator.Cli.Output;

/// <summary>One StatefulSet of a running wait: how many of its pods are replaced and Ready, of how many.</summary>
internal sealed record StatefulSetProgressView(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("replacedAndReady")] int ReplacedAndReady,
    [property: JsonPropertyName("total")] int Total);
