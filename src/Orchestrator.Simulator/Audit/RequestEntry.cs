using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Orchestrator.Simulator.Api;
using Orchestrator.Simulator.Selection;

namespace Orchestrator.Simulator.Audit;

/// <summary>
/// One request of any verb as <c>requests.jsonl</c> records it, with the attributes an API server's authorizer
/// judges it by: a resource request's verb, resource, namespace and name, or a non-resource request's path.
/// </summary>
/// <param name="Name">
/// The name RBAC's <c>resourceNames</c> are held against: the path's name; for a list or watch, the value of a
/// <c>metadata.name=</c> field selector (as the API server's RequestInfo takes it); never the name a create chooses.
/// </param>
internal sealed record RequestEntry(
    [property: JsonPropertyName("time")] DateTimeOffset Time,
    [property: JsonPropertyName("region")] string Region,
    [property: JsonPropertyName("verb")] string Verb,
    [property: JsonPropertyName("apiGroup")] string? ApiGroup,
    [property: JsonPropertyName("resource")] string? Resource,
    [property: JsonPropertyName("namespace")] string? Namespace,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("userAgent")] string? UserAgent)
{
    private const string NameField = "metadata.name";

    public static RequestEntry For(HttpContext context, string region, DateTimeOffset time, Storage.RegionStore store)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = context.Request.Path.Value ?? "/";
        var watch = context.Request.Query["watch"].ToString() is "true" or "1";
        var request = ResourceRequest.Resolve(context.Request.Method, path, watch, store);
        var userAgent = context.Request.Headers.UserAgent.ToString();
        var code = context.Response.StatusCode;
        if (request is null)
        {
            // Discovery, OpenAPI, health: authorized as non-resource URLs, by the lower-cased HTTP method.
            return new RequestEntry(time, region, context.Request.Method.ToLowerInvariant(), null, null, null, null, path, code, userAgent);
        }

        var resource = request.Subresource is null ? request.Type.Plural : $"{request.Type.Plural}/{request.Subresource}";
        var name = request.Name ?? (request.Verb is "list" or "watch" ? SelectedName(context.Request.Query["fieldSelector"]) : null);
        return new RequestEntry(time, region, request.Verb, request.Type.Group, resource, request.Namespace, name, path, code, userAgent);
    }

    // Like fields.Selector.RequiresExactMatch("metadata.name"): only "=" or "==", never "!=".
    private static string? SelectedName(string? fieldSelector)
    {
        try
        {
            return FieldSelector.Parse(fieldSelector).Requirements
                .FirstOrDefault(requirement => requirement.Field == NameField && !requirement.Negated)?.Value;
        }
        catch (SelectorException)
        {
            // Refused with 400 by the request itself; there is no name to authorize.
            return null;
        }
    }
}
