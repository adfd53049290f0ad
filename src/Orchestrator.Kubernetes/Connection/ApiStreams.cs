using System.Net.Http;
using System.Runtime.CompilerServices;
using k8s;
using k8s.Autorest;
using Orchestrator.Kubernetes.Objects;
using Orchestrator.Kubernetes.Observation;

namespace Orchestrator.Kubernetes.Connection;

/// <summary>
/// Lists and watches through the client's generic list call, which serves the core and apps groups as it serves
/// custom resources, each body read by <see cref="ObjectReader"/> as it streams in. A failed request fails with the
/// client's own <see cref="HttpOperationException"/>, so retries, messages and request counts are those of every call.
/// </summary>
internal sealed class ApiStreams(RegionClient client)
{
    public async Task<ListResult<TStatus>> ListAsync<TObject, TStatus>(ObjectQuery query, Func<string, TObject, TStatus> map, CancellationToken cancellationToken)
        where TObject : class, IObjectJson
    {
        // As in the client's own calls: the request timeout covers the answer's whole body, not just its headers.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(client.HttpClientTimeout);
        using var response = await SendAsync(query, watchFrom: null, timeout.Token);
        var body = await response.Body.ReadAsStreamAsync(timeout.Token);
        await using (body)
        {
            return await ObjectReader.ReadListAsync(body, map, timeout.Token);
        }
    }

    /// <summary>Watches from a resource version until the server ends the stream; see <see cref="ObjectReader.ReadWatchAsync"/>.</summary>
    public async IAsyncEnumerable<WatchChange<TStatus>> WatchAsync<TObject, TStatus>(
        ObjectQuery query, string version, Func<string, TObject, TStatus> map, [EnumeratorCancellation] CancellationToken cancellationToken)
        where TObject : class, IObjectJson
    {
        using var response = await SendAsync(query, version, cancellationToken);
        var body = await response.Body.ReadAsStreamAsync(cancellationToken);
        await using (body)
        {
            await foreach (var change in ObjectReader.ReadWatchAsync(body, map, cancellationToken))
            {
                yield return change;
            }
        }
    }

    private Task<HttpOperationResponse<HttpContent>> SendAsync(ObjectQuery query, string? watchFrom, CancellationToken cancellationToken) =>
        client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync<HttpContent>(
            query.Group,
            query.Version,
            query.Namespace,
            query.Plural,
            allowWatchBookmarks: watchFrom is null ? null : true,
            fieldSelector: query.FieldSelector,
            labelSelector: query.LabelSelector,
            resourceVersion: watchFrom,
            watch: watchFrom is null ? null : true,
            cancellationToken: cancellationToken);
}
