using Microsoft.Extensions.Logging;

namespace Orchestrator.Kubernetes.Diagnostics;

/// <summary>The log lines of the Kubernetes adapter, with stable event ids.</summary>
internal static partial class Log
{
    // Information, not Warning: a retry is the pipeline doing its job, and what is left when retries end is reported
    // as the failure itself. On stderr at the default level they turned a refused preflight's one line into dozens
    // and broke into a wait's progress line; --verbose shows them. RetryingUntil says it at once, once.
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Region}: {Operation} failed ({Failure}); attempt {Attempt} in {Delay}")]
    public static partial void Retrying(ILogger logger, string region, string? operation, string failure, int attempt, TimeSpan delay);

    // Once per region, kind of failure and deadline (RetryNotices): the attempts above, said where it is seen at once.
    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "{Region}: {Operation} failed ({Failure}); retrying {Until}; --verbose shows each attempt")]
    public static partial void RetryingUntil(ILogger logger, string region, string? operation, string failure, string until);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "{Region}: kubeconfig {Kubeconfig} sets insecure-skip-tls-verify; the API server's certificate is not checked")]
    public static partial void TlsVerificationSkipped(ILogger logger, string region, string kubeconfig);

    [LoggerMessage(EventId = 10, Level = LogLevel.Debug, Message = "{Region}: watch of {Resource} ended; resuming from resource version {ResourceVersion}")]
    public static partial void WatchResumed(ILogger logger, string region, string resource, string resourceVersion);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "{Region}: watch of {Resource} cannot resume ({Reason}); listing again")]
    public static partial void WatchRelisting(ILogger logger, string region, string resource, string reason);

    [LoggerMessage(EventId = 12, Level = LogLevel.Debug, Message = "{Region}: listing {Resource} again as a safety net")]
    public static partial void SafetyRelist(ILogger logger, string region, string resource);

    [LoggerMessage(EventId = 13, Level = LogLevel.Debug, Message = "{Region}: listed {Count} {Resource} at resource version {ResourceVersion}")]
    public static partial void Listed(ILogger logger, string region, int count, string resource, string resourceVersion);
}
