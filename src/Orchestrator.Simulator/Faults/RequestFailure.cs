using System.Text.Json.Serialization;

namespace Orchestrator.Simulator.Faults;

/// <summary>
/// Answer the next <see cref="Count"/> requests of this verb on this resource with <see cref="Code"/>; with a
/// <see cref="UserAgent"/>, only requests of clients whose User-Agent header starts with it.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record RequestFailure
{
    private static readonly string[] Verbs = ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"];

    [JsonPropertyName("verb")]
    public string Verb { get; init; } = string.Empty;

    [JsonPropertyName("resource")]
    public string Resource { get; init; } = string.Empty;

    [JsonPropertyName("code")]
    public int Code { get; init; }

    [JsonPropertyName("count")]
    public int Count { get; init; } = 1;

    [JsonPropertyName("userAgent")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? UserAgent { get; init; }

    public bool Matches(string verb, string resource, string userAgent) =>
        Verb == verb && Resource == resource && (UserAgent is null || userAgent.StartsWith(UserAgent, StringComparison.Ordinal));

    public IEnumerable<string> Problems()
    {
        if (!Verbs.Contains(Verb))
        {
            yield return $"failRequests: verb \"{Verb}\" is not one of {string.Join(", ", Verbs)}";
        }

        if (string.IsNullOrWhiteSpace(Resource))
        {
            yield return "failRequests: resource is required (a plural such as \"secrets\")";
        }

        if (Code is < 400 or > 599)
        {
            yield return $"failRequests: code {Code} is not an HTTP error code (400-599)";
        }

        if (Count < 1)
        {
            yield return "failRequests: count must be 1 or more";
        }

        if (UserAgent is { } agent && string.IsNullOrWhiteSpace(agent))
        {
            yield return "failRequests: userAgent, when given, must not be empty";
        }
    }
}
