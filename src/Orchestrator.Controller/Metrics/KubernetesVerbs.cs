namespace Orchestrator.Controller.Metrics;

/// <summary>
/// The Kubernetes verb of a request, as the API server's audit log and RBAC name it: a GET is a <c>watch</c> when it
/// asks to watch, a <c>list</c> when its path names a collection, else a <c>get</c>.
/// </summary>
internal static class KubernetesVerbs
{
    public static string Of(HttpMethod method, Uri? uri)
    {
        if (method == HttpMethod.Get)
        {
            return uri is null ? "get" : IsWatch(uri) ? "watch" : IsCollection(uri.AbsolutePath) ? "list" : "get";
        }

        return method.Method switch
        {
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => "delete",
            _ => method.Method.ToLowerInvariant(),
        };
    }

    private static bool IsWatch(Uri uri) =>
        uri.Query.Contains("watch=true", StringComparison.OrdinalIgnoreCase) || uri.AbsolutePath.Contains("/watch/", StringComparison.Ordinal);

    /// <summary>/api/v1/[namespaces/NS/]RESOURCE or /apis/GROUP/VERSION/[namespaces/NS/]RESOURCE, without a name after it.</summary>
    private static bool IsCollection(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var start = segments.Length > 0 && segments[0] == "api" ? 2 : segments.Length > 0 && segments[0] == "apis" ? 3 : -1;
        if (start < 0 || segments.Length <= start)
        {
            // Discovery and other paths outside the resource API: reads of one document.
            return false;
        }

        var rest = segments[start..];
        if (rest.Length > 2 && rest[0] == "namespaces")
        {
            rest = rest[2..];
        }

        return rest.Length == 1;
    }
}
