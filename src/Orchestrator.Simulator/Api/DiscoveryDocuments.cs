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
    public static JsonObject? For(string path, string serverAddress) => path.TrimEnd('/') switch
    {
        "/version" => Version(),
        "/api" => new JsonObject
        {
            ["kind"] = "APIVersions",
            ["versions"] = new JsonArray("v1"),
            ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
        },
        "/apis" => GroupList(),
        "/api/v1" => ResourceList(string.Empty, "v1"),
        var other when other.StartsWith("/apis/", StringComparison.Ordinal) => GroupPath(other["/apis/".Length..]),
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

    private static IEnumerable<string> Groups() =>
        ResourceTypes.All.Select(type => type.Group).Where(group => group.Length > 0).Distinct();

    private static JsonObject GroupList() => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray(Groups().Select(group => (JsonNode)Group(group)).ToArray()),
    };

    private static JsonObject Group(string group)
    {
        var version = ResourceTypes.All.First(type => type.Group == group).Version;
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

    private static JsonObject? GroupPath(string rest)
    {
        var parts = rest.Split('/');
        if (!Groups().Contains(parts[0]))
        {
            return null;
        }

        return parts.Length switch
        {
            1 => Group(parts[0]),
            2 when ResourceTypes.All.Any(type => type.Group == parts[0] && type.Version == parts[1]) => ResourceList(parts[0], parts[1]),
            _ => null,
        };
    }

    private static JsonObject ResourceList(string group, string version)
    {
        var resources = new JsonArray();
        foreach (var type in ResourceTypes.All.Where(type => type.Group == group && type.Version == version))
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

            if (type.Plural is "pods" or "statefulsets")
            {
                resource["categories"] = new JsonArray("all");
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
