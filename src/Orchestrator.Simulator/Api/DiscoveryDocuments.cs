using System.Text.Json.Nodes;
using Orchestrator.Simulator.Storage;

namespace Orchestrator.Simulator.Api;

/// <summary>
/// The unaggregated discovery documents (<c>/version</c>, <c>/api</c>, <c>/apis</c>, group versions) that kubectl
/// and the client libraries read to map kinds to paths.
/// </summary>
internal static class DiscoveryDocuments
{
    public const string KubernetesVersion = "v1.32.0";

    /// <summary>The discovery document for a path, or null when the path is not a discovery path.</summary>
    public static JsonObject? For(string path, string serverAddress, IReadOnlyList<ResourceType> types) => path.TrimEnd('/') switch
    {
        "/version" => Version(),
        "/api" => new JsonObject
        {
            ["kind"] = "APIVersions",
            ["versions"] = new JsonArray("v1"),
            ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
        },
        "/apis" => GroupList(types),
        "/api/v1" => ResourceList(types, string.Empty, "v1"),
        var other when other.StartsWith("/apis/", StringComparison.Ordinal) => GroupPath(types, other["/apis/".Length..]),
        _ => null,
    };

    private static JsonObject Version() => new()
    {
        ["major"] = "1",
        ["minor"] = "32",
        ["gitVersion"] = KubernetesVersion,
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2026-01-01T00:00:00Z",
        ["goVersion"] = "go1.23.4",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    private static IEnumerable<string> Groups(IReadOnlyList<ResourceType> types) =>
        types.Select(type => type.Group).Where(group => group.Length > 0).Distinct();

    private static JsonObject GroupList(IReadOnlyList<ResourceType> types) => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray(Groups(types).Select(group => (JsonNode)Group(types, group)).ToArray()),
    };

    private static JsonObject Group(IReadOnlyList<ResourceType> types, string group)
    {
        var version = types.First(type => type.Group == group).Version;
        JsonObject GroupVersion() => new() { ["groupVersion"] = $"{group}/{version}", ["version"] = version };
        return new JsonObject
        {
            ["kind"] = "APIGroup",
            ["apiVersion"] = "v1",
            ["name"] = group,
            ["versions"] = new JsonArray(GroupVersion()),
            ["preferredVersion"] = GroupVersion(),
        };
    }

    private static JsonObject? GroupPath(IReadOnlyList<ResourceType> types, string rest)
    {
        var parts = rest.Split('/');
        if (!Groups(types).Contains(parts[0]))
        {
            return null;
        }

        return parts.Length switch
        {
            1 => Group(types, parts[0]),
            2 when types.Any(type => type.Group == parts[0] && type.Version == parts[1]) => ResourceList(types, parts[0], parts[1]),
            _ => null,
        };
    }

    private static JsonObject ResourceList(IReadOnlyList<ResourceType> types, string group, string version)
    {
        var resources = new JsonArray();
        foreach (var type in types.Where(type => type.Group == group && type.Version == version))
        {
            var resource = new JsonObject
            {
                ["name"] = type.Plural,
                ["singularName"] = type.Singular,
                ["namespaced"] = type.Namespaced,
                ["kind"] = type.Kind,
                ["verbs"] = new JsonArray(type.Verbs.Select(verb => (JsonNode?)verb).ToArray()),
            };
            if (type.ShortNames.Count > 0)
            {
                resource["shortNames"] = new JsonArray(type.ShortNames.Select(name => (JsonNode?)name).ToArray());
            }

            if (type.Categories.Count > 0)
            {
                resource["categories"] = new JsonArray(type.Categories.Select(category => (JsonNode?)category).ToArray());
            }

            resources.Add(resource);
            foreach (var subresource in type.Subresources)
            {
                resources.Add(new JsonObject
                {
                    ["name"] = $"{type.Plural}/{subresource}",
                    ["singularName"] = string.Empty,
                    ["namespaced"] = type.Namespaced,
                    ["kind"] = type.Kind,
                    ["verbs"] = new JsonArray("get", "patch", "update"),
                });
            }
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = resources,
        };
    }
}
