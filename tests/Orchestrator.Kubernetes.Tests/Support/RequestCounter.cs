using System.Collections.Concurrent;

namespace Orchestrator.Kubernetes.Tests.Support;

/// <summary>Counts the requests a client sends, by kind: the simulator keeps no count of its own.</summary>
internal sealed class RequestCounter : DelegatingHandler
{
    private readonly ConcurrentQueue<(HttpMethod Method, Uri Uri)> _requests = new();

    public int Total => _requests.Count;

    public int Watches => _requests.Count(request => IsWatch(request.Uri));

    /// <summary>GETs of a collection that are not watches.</summary>
    public int Lists => _requests.Count(request => request.Method == HttpMethod.Get && !IsWatch(request.Uri) && IsCollection(request.Uri));

    public IReadOnlyList<string> Describe() => _requests.Select(request => $"{request.Method} {request.Uri.PathAndQuery}").ToList();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _requests.Enqueue((request.Method, request.RequestUri!));
        return base.SendAsync(request, cancellationToken);
    }

    private static bool IsWatch(Uri uri) => uri.Query.Contains("watch=true", StringComparison.Ordinal);

    private static bool IsCollection(Uri uri)
    {
        var last = uri.AbsolutePath.TrimEnd('/').Split('/')[^1];
        return last is "pods" or "secrets" or "statefulsets";
    }
}
