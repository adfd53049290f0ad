using System.Net;
using System.Runtime.CompilerServices;
using k8s.Autorest;
using Orchestrator.Kubernetes.Objects;
using Orchestrator.Kubernetes.Observation;

namespace Orchestrator.Kubernetes.Connection;

/// <summary>
/// Lists and watches whose bodies are read as they stream in, straight into statuses. They go through the client's
/// own <see cref="HttpClient"/> (its TLS set-up and handlers), credentials and base address, and fail with the
/// client's own <see cref="HttpOperationException"/>, so that retries, messages and request counts stay as they were;
/// only the typed model of every object, most of the cost of a region of thousands of pods, is left out.
/// </summary>
internal sealed class ApiStreams(k8s.Kubernetes client, WatchPacing pacing)
{
    public async Task<ListResult<TStatus>> ListAsync<TStatus>(string path, Func<ObjectFields, TStatus> map, CancellationToken cancellationToken)
    {
        // As in the client's own calls: the request timeout covers the answer's whole body, not just its headers.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(client.HttpClientTimeout);
        using var response = await SendAsync(path, timeout.Token);
        var body = await response.Content.ReadAsStreamAsync(timeout.Token);
        await using (body)
        {
            var (items, version) = await ListJson<TStatus>.ReadAsync(body, map, timeout.Token);
            return new ListResult<TStatus>(items, version);
        }
    }

    /// <summary>Watches until the server ends the stream; see <see cref="WatchJson.ReadAsync"/> for error events.</summary>
    public async IAsyncEnumerable<WatchChange<TStatus>> WatchAsync<TStatus>(
        string path, Func<ObjectFields, TStatus> map, Action<Exception> onError, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var response = await SendAsync(path, cancellationToken);
        var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await using (body)
        {
            await foreach (var change in WatchJson.ReadAsync(body, map, onError, pacing, cancellationToken))
            {
                yield return change;
            }
        }
    }

    private async Task<HttpResponseMessage> SendAsync(string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(client.BaseUri, path)) { Version = HttpVersion.Version20 };
        if (client.Credentials is { } credentials)
        {
            await credentials.ProcessHttpRequestAsync(request, cancellationToken);
        }

        var response = await client.HttpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var content = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpOperationException($"Operation returned an invalid status code '{response.StatusCode}'")
            {
                Request = new HttpRequestMessageWrapper(request, null),
                Response = new HttpResponseMessageWrapper(response, content),
            };
        }
    }
}
