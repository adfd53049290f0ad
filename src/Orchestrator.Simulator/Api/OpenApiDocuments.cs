using System.Text.Json.Nodes;
using Orchestrator.Simulator.Storage;

namespace Orchestrator.Simulator.Api;

/// <summary>
/// A minimal OpenAPI v3 discovery (<c>/openapi/v3</c> and one document per group version): enough for kubectl to
/// see that PATCH, PUT and POST take <c>fieldValidation</c>, so it leaves validation to the server as it does with
/// a real API server, instead of downloading the full schema.
/// </summary>
internal static class OpenApiDocuments
{
    private const string Hash = "0000000000000000000000000000000000000000000000000000000000000000";

    public static JsonObject? For(string path, IReadOnlyList<ResourceType> types) => path.TrimEnd('/') switch
    {
        "/openapi/v3" => Root(types),
        var other when other.StartsWith("/openapi/v3/", StringComparison.Ordinal) => GroupVersion(types, other["/openapi/v3/".Length..]),
        _ => null,
    };

    private static IEnumerable<string> GroupVersionPaths(IReadOnlyList<ResourceType> types) =>
        types.Select(PathOf).Distinct(StringComparer.Ordinal);

    private static string PathOf(ResourceType type) => type.Group.Length == 0 ? $"api/{type.Version}" : $"apis/{type.Group}/{type.Version}";

    private static JsonObject Root(IReadOnlyList<ResourceType> types)
    {
        var paths = new JsonObject();
        foreach (var path in GroupVersionPaths(types))
        {
            paths[path] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{path}?hash={Hash}" };
        }

        return new JsonObject { ["paths"] = paths };
    }

    private static JsonObject? GroupVersion(IReadOnlyList<ResourceType> served, string groupVersionPath)
    {
        var types = served.Where(type => PathOf(type) == groupVersionPath).ToList();
        if (types.Count == 0)
        {
            return null;
        }

        var paths = new JsonObject();
        foreach (var type in types)
        {
            var collection = type.Namespaced ? $"/{groupVersionPath}/namespaces/{{namespace}}/{type.Plural}" : $"/{groupVersionPath}/{type.Plural}";
            paths[collection] = new JsonObject { ["post"] = Operation(type, "create") };
            paths[collection + "/{name}"] = new JsonObject
            {
                ["put"] = Operation(type, "replace"),
                ["patch"] = Operation(type, "patch"),
            };
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = DiscoveryDocuments.KubernetesVersion },
            ["paths"] = paths,
        };
    }

    private static JsonObject Operation(ResourceType type, string action) => new()
    {
        ["operationId"] = $"{action}{type.Kind}",
        ["x-kubernetes-action"] = action == "create" ? "post" : action == "replace" ? "put" : "patch",
        ["x-kubernetes-group-version-kind"] = new JsonObject { ["group"] = type.Group, ["version"] = type.Version, ["kind"] = type.Kind },
        ["parameters"] = new JsonArray(
            QueryParameter("dryRun"),
            QueryParameter("fieldManager"),
            QueryParameter("fieldValidation")),
        ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "OK" } },
    };

    private static JsonObject QueryParameter(string name) => new()
    {
        ["name"] = name,
        ["in"] = "query",
        ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true },
    };
}
