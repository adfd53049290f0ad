using System.Text.Json.Nodes;

namespace Orchestrator.Cli.Tests.Samples;

/// <summary>One line of the simulator's <c>requests.jsonl</c>: what an authorizer judges a request by.</summary>
internal sealed record RecordedRequest(string Region, string Verb, string? ApiGroup, string? Resource, string? Namespace, string? Name, string Path, string UserAgent)
{
    public static RecordedRequest From(JsonNode line) => new(
        line["region"]!.GetValue<string>(),
        line["verb"]!.GetValue<string>(),
        line["apiGroup"]?.GetValue<string>(),
        line["resource"]?.GetValue<string>(),
        line["namespace"]?.GetValue<string>(),
        line["name"]?.GetValue<string>(),
        line["path"]!.GetValue<string>(),
        line["userAgent"]?.GetValue<string>() ?? string.Empty);

    public static string Describe(string verb, string? apiGroup, string resource, string? name) =>
        $"{verb} {(apiGroup is { Length: > 0 } ? $"{resource}.{apiGroup}" : resource)} {name ?? "-"}";

    public override string ToString() =>
        Resource is null ? $"{Verb} {Path}" : $"{Describe(Verb, ApiGroup, Resource, Name)} in {Namespace ?? "(cluster)"}";
}
