using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Orchestrator.Simulator.Storage;

namespace Orchestrator.Simulator.Api;

/// <summary>Writes JSON bodies and Status errors the way the API server does.</summary>
internal static class HttpResponses
{
    public const string JsonContentType = "application/json";

    /// <summary>Like Go's encoder: quotes inside strings stay <c>\"</c>, not <c>\u0022</c>.</summary>
    public static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Task WriteJsonAsync(HttpContext context, HttpStatusCode code, string json)
    {
        context.Response.StatusCode = (int)code;
        context.Response.ContentType = JsonContentType;
        return context.Response.WriteAsync(json, context.RequestAborted);
    }

    public static Task WriteJsonAsync(HttpContext context, HttpStatusCode code, JsonNode json) =>
        WriteJsonAsync(context, code, json.ToJsonString(Compact));

    public static Task WriteFailureAsync(HttpContext context, ApiException failure)
    {
        if (failure.Code == HttpStatusCode.TooManyRequests)
        {
            context.Response.Headers.RetryAfter = "1";
        }

        return WriteJsonAsync(context, failure.Code, StatusObjects.Failure(failure));
    }

    /// <summary>The Status an injected fault answers with, worded as the API server words that code.</summary>
    public static ApiException InjectedFailure(int code) => code switch
    {
        429 => new ApiException(HttpStatusCode.TooManyRequests, "TooManyRequests", "the server has received too many requests and has asked us to try again later"),
        500 => new ApiException(HttpStatusCode.InternalServerError, "InternalError", "an error on the server (\"injected fault\") has prevented the request from succeeding"),
        503 => new ApiException(HttpStatusCode.ServiceUnavailable, "ServiceUnavailable", "the server is currently unable to handle the request"),
        504 => new ApiException(HttpStatusCode.GatewayTimeout, "Timeout", "the server was unable to return a response in the time allotted, but may still be processing the request"),
        409 => new ApiException(HttpStatusCode.Conflict, "Conflict", "the object has been modified; please apply your changes to the latest version and try again"),
        404 => new ApiException(HttpStatusCode.NotFound, "NotFound", "the server could not find the requested resource"),
        403 => new ApiException(HttpStatusCode.Forbidden, "Forbidden", "forbidden: injected fault"),
        _ => new ApiException((HttpStatusCode)code, "InternalError", $"injected fault {code}"),
    };
}
