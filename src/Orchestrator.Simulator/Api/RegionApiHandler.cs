using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Orchestrator.Simulator.Audit;
using Orchestrator.Simulator.Selection;
using Orchestrator.Simulator.Storage;

namespace Orchestrator.Simulator.Api;

/// <summary>
/// Serves one region's Kubernetes API: authentication, injected faults, discovery, the resource verbs and the
/// audit log of every mutating request (and, when asked for, the log of every request).
/// </summary>
internal sealed partial class RegionApiHandler(RegionEndpoint endpoint, ILogger logger, CancellationToken stopping)
{
    private static readonly HashSet<string> MutatingVerbs = ["create", "update", "patch", "delete", "deletecollection"];
    private readonly ResourceEndpoints _resources = new(endpoint, stopping);
    private readonly FaultEndpoint _faults = new(endpoint.Faults);

    public async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var simulatorControl = path.StartsWith("/simulator/", StringComparison.Ordinal);
        if (!simulatorControl && endpoint.Faults.IsCutOff(context.Request.Headers.UserAgent.ToString()))
        {
            // A partitioned client hears nothing back: the connection is dropped without a response.
            LogCutOff(logger, endpoint.Region, context.Request.Method, path);
            context.Abort();
            return;
        }

        if (!Authenticated(context))
        {
            await HttpResponses.WriteFailureAsync(context, new ApiException(HttpStatusCode.Unauthorized, "Unauthorized", "Unauthorized"));
            return;
        }

        if (simulatorControl)
        {
            await _faults.HandleAsync(context);
            return;
        }

        if (endpoint.RequestLog is { } requests)
        {
            context.Response.OnStarting(() =>
            {
                requests.Append(RequestEntry.For(context, endpoint.Region, endpoint.Time.GetUtcNow(), endpoint.Store));
                return Task.CompletedTask;
            });
        }

        if (endpoint.Faults.Latency is { } latency && latency > TimeSpan.Zero)
        {
            await DelayAtLeastAsync(latency, endpoint.Time, context.RequestAborted);
        }

        if (path is "/healthz" or "/livez" or "/readyz")
        {
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync("ok", context.RequestAborted);
            return;
        }

        var serverAddress = $"{context.Connection.LocalIpAddress}:{context.Connection.LocalPort}";
        if (DiscoveryDocuments.For(path, serverAddress, endpoint.Store.ServedTypes()) is { } discovery)
        {
            await HttpResponses.WriteJsonAsync(context, HttpStatusCode.OK, discovery);
            return;
        }

        if (OpenApiDocuments.For(path, endpoint.Store.ServedTypes()) is { } openApi)
        {
            await HttpResponses.WriteJsonAsync(context, HttpStatusCode.OK, openApi);
            return;
        }

        var watch = context.Request.Query["watch"].ToString() is "true" or "1";
        var request = ResourceRequest.Resolve(context.Request.Method, path, watch, endpoint.Store);
        if (request is null)
        {
            await HttpResponses.WriteFailureAsync(context, new ApiException(HttpStatusCode.NotFound, "NotFound", "the server could not find the requested resource"));
            return;
        }

        if (MutatingVerbs.Contains(request.Verb))
        {
            // Recorded as the response starts, so that whoever reads the log after receiving the answer finds it there.
            context.Response.OnStarting(() =>
            {
                Audit(context, request);
                return Task.CompletedTask;
            });
        }

        await ServeAsync(context, request);
    }

    private async Task ServeAsync(HttpContext context, ResourceRequest request)
    {
        try
        {
            if (!request.Type.Supports(request.Verb))
            {
                throw ApiException.MethodNotSupported(request.Type, request.Verb);
            }

            if (endpoint.Faults.TakeFailure(request.Verb, request.Type.Plural, context.Request.Headers.UserAgent.ToString()) is { } code)
            {
                LogInjectedFailure(logger, endpoint.Region, request.Verb, request.Type.Plural, code);
                throw HttpResponses.InjectedFailure(code);
            }

            await _resources.ServeAsync(context, request);
        }
        catch (ApiException failure)
        {
            await HttpResponses.WriteFailureAsync(context, failure);
        }
        catch (SelectorException invalid)
        {
            await HttpResponses.WriteFailureAsync(context, ApiException.BadRequest(invalid.Message));
        }
    }

    private bool Authenticated(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(header[scheme.Length..].Trim()),
                System.Text.Encoding.UTF8.GetBytes(endpoint.BearerToken));
    }

    private void Audit(HttpContext context, ResourceRequest request) =>
        endpoint.AuditLog?.Append(new AuditEntry(
            endpoint.Time.GetUtcNow(),
            endpoint.Region,
            request.Verb,
            request.Subresource is null ? request.Type.Plural : $"{request.Type.Plural}/{request.Subresource}",
            request.Namespace,
            request.Name ?? context.Items[ResourceEndpoints.CreatedNameKey] as string,
            context.Response.StatusCode,
            context.Request.Headers.UserAgent.ToString()));

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Region}: injected {Code} for {Verb} {Resource}")]
    private static partial void LogInjectedFailure(ILogger logger, string region, string verb, string resource, int code);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "{Region}: cut off {Method} {Path}")]
    private static partial void LogCutOff(ILogger logger, string region, string method, string path);

    /// <summary>
    /// The latency fault promises at least its time: a timer counts whole milliseconds and can fire a fraction of one
    /// early by the clock that measures the request, so whatever is left is waited for again.
    /// </summary>
    private static async Task DelayAtLeastAsync(TimeSpan latency, TimeProvider time, CancellationToken cancellationToken)
    {
        var start = time.GetTimestamp();
        for (var left = latency; left > TimeSpan.Zero; left = latency - time.GetElapsedTime(start))
        {
            await Task.Delay(left < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : left, time, cancellationToken);
        }
    }
}
