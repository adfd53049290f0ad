using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Orchestrator.Kubernetes.Objects;
using Orchestrator.Kubernetes.Observation;

namespace Orchestrator.Kubernetes.Connection;

/// <summary>
/// Lists and watches whose bodies are read as they stream in, straight into statuses. They go through the client's
/// own <see cref="HttpClient"/> (its TLS set-up and handlers), credentials and base address, and fail with the
/// client's own <see cref="HttpOperationException"/>, so that retries, messages and request counts stay as they were;
/// only the typed model of every object, most of the cost of a region of thousands of pods, is left out.
/// </summary>
internal sealed class ApiStreams(k8s.Kubernetes client)
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

    /// <summary>
    /// Watches until the server ends the stream. As with the client's own watches, an error event (a Status) or a
    /// line that cannot be read goes to <paramref name="onError"/>, and the stream goes on until the token ends it.
    /// </summary>
    public async IAsyncEnumerable<WatchChange<TStatus>> WatchAsync<TStatus>(
        string path, Func<ObjectFields, TStatus> map, Action<Exception> onError, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var response = await SendAsync(path, cancellationToken);
        var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await using (body)
        {
            using var lines = new JsonLines(body);
            while (await lines.NextAsync(cancellationToken) is { } line)
            {
                // Lines already read in may follow an error event: none of them may be used.
                cancellationToken.ThrowIfCancellationRequested();
                WatchChange<TStatus>? change = null;
                try
                {
                    change = Change(line.Span, map, onError);
                }
                catch (Exception undecodable) when (undecodable is JsonException or FormatException or InvalidOperationException)
                {
                    onError(undecodable);
                }

                if (change is { } known)
                {
                    yield return known;
                }
            }
        }
    }

    private static WatchChange<TStatus>? Change<TStatus>(ReadOnlySpan<byte> line, Func<ObjectFields, TStatus> map, Action<Exception> onError)
    {
        var (type, item) = WatchEventJson.Read(line);
        if (item.Kind == "Status")
        {
            onError(new KubernetesException(new V1Status { Code = item.Code, Reason = item.Reason, Message = item.Message }));
            return null;
        }

        var changes = type is WatchEventType.Added or WatchEventType.Modified or WatchEventType.Deleted;
        return new WatchChange<TStatus>(type, item.Name, item.ResourceVersion, changes ? map(item) : default);
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
