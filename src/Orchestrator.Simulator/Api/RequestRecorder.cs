using Microsoft.AspNetCore.Http;
using Orchestrator.Simulator.Audit;

namespace Orchestrator.Simulator.Api;

/// <summary>Writes every request an endpoint answers to its request log, when it keeps one.</summary>
internal static class RequestRecorder
{
    /// <summary>Records the request as its response starts (a watch: as its stream opens).</summary>
    public static void Register(HttpContext context, RegionEndpoint endpoint)
    {
        if (endpoint.RequestLog is not { } log)
        {
            return;
        }

        context.Response.OnStarting(() =>
        {
            var path = context.Request.Path.Value ?? "/";
            var watch = context.Request.Query["watch"].ToString() is "true" or "1";
            var request = ResourceRequest.Resolve(context.Request.Method, path, watch);
            log.Append(new RequestEntry(
                endpoint.Time.GetUtcNow(),
                endpoint.Region,
                request?.Verb ?? context.Request.Method.ToLowerInvariant(),
                request is null ? path : request.Subresource is null ? request.Type.Plural : $"{request.Type.Plural}/{request.Subresource}",
                request?.Namespace,
                request?.Name,
                context.Response.StatusCode,
                context.Request.Headers.UserAgent.ToString()));
            return Task.CompletedTask;
        });
    }
}
