using System.Text.Json.Serialization;

namespace Orchestrator.Cli.Output;

/// <summary>The CA Secret a rotation changes, and the entry it adds the new or old CA under.</summary>
internal sealed record SecretView(
    [property: JsonPropertyName("namespace")] string Namespace,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("extraEntry")] string ExtraEntry);
