using System.Net.Http;
using k8s;
using k8s.Autorest;

namespace Orchestrator.Kubernetes.Connection;

/// <summary>
/// The official client, except that a call made for <see cref="HttpContent"/> returns its response's body unread,
/// for the caller to read as it streams in. Lists and watches thus keep the client's own URLs, credentials, TLS
/// set-up, timeouts and failures, without the client's model of every field of every object.
/// </summary>
internal sealed class RegionClient(KubernetesClientConfiguration config, DelegatingHandler[] handlers) : k8s.Kubernetes(config, handlers)
{
    protected override Task<HttpOperationResponse<T>> CreateResultAsync<T>(
        HttpRequestMessage httpRequest, HttpResponseMessage httpResponse, bool? watch, CancellationToken cancellationToken) =>
        typeof(T) == typeof(HttpContent)
            ? Task.FromResult(new HttpOperationResponse<T> { Request = httpRequest, Response = httpResponse, Body = (T)(object)httpResponse.Content })
            : base.CreateResultAsync<T>(httpRequest, httpResponse, watch, cancellationToken);
}
