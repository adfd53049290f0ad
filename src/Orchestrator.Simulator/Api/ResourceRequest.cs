using Orchestrator.Simulator.Storage;

namespace Orchestrator.Simulator.Api;

/// <summary>A request for objects, resolved from its path and method as the API server's RequestInfo does.</summary>
internal sealed record ResourceRequest(ResourceType Type, string? Namespace, string? Name, string? Subresource, string Verb)
{
    /// <summary>
    /// Resolves <c>/api/v1/...</c> and <c>/apis/GROUP/VERSION/...</c> paths; null when the path names no served resource.
    /// </summary>
    public static ResourceRequest? Resolve(string method, string path, bool watch, RegionStore store)
    {
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        string group;
        string version;
        int rest;
        if (segments.Length >= 2 && segments[0] == "api")
        {
            (group, version, rest) = (string.Empty, segments[1], 2);
        }
        else if (segments.Length >= 3 && segments[0] == "apis")
        {
            (group, version, rest) = (segments[1], segments[2], 3);
        }
        else
        {
            return null;
        }

        var parts = segments[rest..];
        string? ns = null;

        // "namespaces/NS/<plural>..." names a namespaced resource; "namespaces[/NAME[/status]]" the namespaces themselves.
        if (parts.Length >= 3 && parts[0] == "namespaces")
        {
            ns = parts[1];
            parts = parts[2..];
        }

        if (parts.Length is 0 or > 3)
        {
            return null;
        }

        var type = store.FindType(group, version, parts[0]);
        if (type is null || (ns is not null && !type.Namespaced))
        {
            return null;
        }

        var name = parts.Length >= 2 ? parts[1] : null;
        var subresource = parts.Length == 3 ? parts[2] : null;
        if (subresource is not null && !type.Subresources.Contains(subresource))
        {
            return null;
        }

        var verb = (method, name) switch
        {
            ("GET", null) => watch ? "watch" : "list",
            ("GET", _) => watch ? "watch" : "get",
            ("POST", null) => "create",
            ("PUT", not null) => "update",
            ("PATCH", not null) => "patch",
            ("DELETE", null) => "deletecollection",
            ("DELETE", not null) => "delete",
            _ => "unsupported",
        };
        return new ResourceRequest(type, ns, name, subresource, verb);
    }
}
