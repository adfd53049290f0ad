using System.Net;
using System.Security.Authentication;
using k8s.Autorest;

namespace Orchestrator.Kubernetes.Resilience;

/// <summary>Which failures of a call are worth another attempt, and how to name them in a log line.</summary>
public static class TransientFailures
{
    public static bool IsTransient(Exception failure, CancellationToken callerToken) => failure switch
    {
        HttpOperationException { Response: { } response } => IsTransient(response.StatusCode),

        // A certificate the client refuses stays refused: retrying only hides the reason.
        HttpRequestException { InnerException: AuthenticationException } => false,
        HttpRequestException or IOException => true,

        // The client's own per-request timeout; the caller's token ending is not a failure to retry.
        OperationCanceledException => !callerToken.IsCancellationRequested,
        _ => false,
    };

    public static bool IsTransient(HttpStatusCode code) =>
        (int)code >= 500 || code is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout;

    public static string Describe(Exception failure) => failure switch
    {
        HttpOperationException { Response: { } response } => $"{(int)response.StatusCode} {response.StatusCode}",
        OperationCanceledException => "no answer within the request timeout",
        HttpRequestException { InnerException: { } inner } => $"{failure.Message} ({inner.Message})",
        _ => $"{failure.GetType().Name}: {failure.Message}",
    };
}
