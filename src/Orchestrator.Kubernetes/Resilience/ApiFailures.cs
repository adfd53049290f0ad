using System.Net;
using System.Security.Authentication;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Orchestrator.Core.Cluster;

namespace Orchestrator.Kubernetes.Resilience;

/// <summary>Turns what is left of a failed call, once retries are over, into a <see cref="ClusterException"/> that says why.</summary>
internal static class ApiFailures
{
    public static ClusterException From(string region, ApiOperation operation, HttpOperationException failure)
    {
        var code = failure.Response?.StatusCode ?? 0;
        var detail = StatusMessage(failure.Response?.Content);
        return code switch
        {
            HttpStatusCode.NotFound when operation.Name is not null =>
                new ClusterException(ClusterFailure.NotFound, $"{region}: {operation.Object} not found", failure),
            HttpStatusCode.Unauthorized =>
                new ClusterException(ClusterFailure.Forbidden, $"{region}: the API server did not accept the kubeconfig's credentials (401 Unauthorized) to {operation.Permission}", failure),
            HttpStatusCode.Forbidden =>
                new ClusterException(ClusterFailure.Forbidden, $"{region}: not allowed to {operation.Permission} (403 Forbidden){Suffix(detail)}", failure),
            _ => new ClusterException(ClusterFailure.Rejected, $"{region}: the API server refused to {operation} ({(int)code} {code}){Suffix(detail)}", failure),
        };
    }

    public static ClusterException Untrusted(string region, Uri server, HttpRequestException failure, string? rejection) =>
        new(
            ClusterFailure.Unreachable,
            $"{region}: no trusted TLS connection to {server.GetLeftPart(UriPartial.Authority)}: {rejection ?? failure.InnerException?.Message ?? failure.Message}",
            failure);

    public static bool IsUntrusted(HttpRequestException failure) => failure.InnerException is AuthenticationException;

    public static bool HasStatus(Exception failure, HttpStatusCode code) =>
        failure is HttpOperationException { Response: { } response } && response.StatusCode == code;

    private static string Suffix(string? detail) => string.IsNullOrWhiteSpace(detail) ? string.Empty : $": {detail}";

    private static string? StatusMessage(string? content)
    {
        if (string.IsNullOrWhiteSpace(content))
        {
            return null;
        }

        try
        {
            if (KubernetesJson.Deserialize<V1Status>(content) is { Message: { Length: > 0 } message })
            {
                return message;
            }
        }
        catch (JsonException)
        {
            // Not a Status: a proxy's page, say. Its first line is still better than nothing.
        }

        var line = content.Split('\n', 2)[0].Trim();
        return line.Length > 200 ? line[..200] + "..." : line;
    }
}
