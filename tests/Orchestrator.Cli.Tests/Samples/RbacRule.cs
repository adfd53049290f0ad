namespace Orchestrator.Cli.Tests.Samples;

/// <summary>One rule of a Role, judged as Kubernetes RBAC judges it (rbac/v1 RuleAllows).</summary>
internal sealed record RbacRule(IReadOnlyList<string> ApiGroups, IReadOnlyList<string> Resources, IReadOnlyList<string> ResourceNames, IReadOnlyList<string> Verbs)
{
    /// <summary>
    /// Whether the rule allows the request. A rule with resourceNames matches only a request that carries one of those
    /// names: a get, update, patch or delete by name, a list or watch with a <c>metadata.name</c> field selector, never
    /// a create (whose request has no name).
    /// </summary>
    public bool Allows(RecordedRequest request) =>
        request.Resource is not null
        && Matches(Verbs, request.Verb)
        && Matches(ApiGroups, request.ApiGroup ?? string.Empty)
        && Matches(Resources, request.Resource)
        && (ResourceNames.Count == 0 || (request.Name is { Length: > 0 } name && ResourceNames.Contains(name)));

    /// <summary>Every (verb, group, resource, name) this rule grants; the name is "*" when the rule names none.</summary>
    public IEnumerable<string> Grants() =>
        from verb in Verbs
        from grant in ResourceGrants(verb)
        select grant;

    private static bool Matches(IReadOnlyList<string> values, string value) => values.Contains("*") || values.Contains(value);

    private IEnumerable<string> ResourceGrants(string verb) =>
        from apiGroup in ApiGroups
        from resource in Resources
        from name in ResourceNames.Count == 0 ? ["*"] : ResourceNames
        select RecordedRequest.Describe(verb, apiGroup, resource, name);
}
