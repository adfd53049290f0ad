using k8s.Autorest;
using Microsoft.Extensions.Logging;
using Orchestrator.Kubernetes.Connection;
using Orchestrator.Kubernetes.Diagnostics;
using Orchestrator.Kubernetes.Regions;
using Polly;
using Polly.Retry;

namespace Orchestrator.Kubernetes.Resilience;

/// <summary>
/// Runs a region's API calls through its one retry pipeline: transient failures (5xx, 429, timeouts, broken
/// connections) are tried again, with backoff or as <c>Retry-After</c> asks, for as long as the caller's token lasts;
/// what is left becomes a <see cref="Core.Cluster.ClusterException"/>, or the caller's cancellation.
/// </summary>
internal sealed class RegionCalls
{
    /// <summary>The median wait before the first retry; each next one about doubles, up to <see cref="KubernetesClientOptions.MaxBackoff"/>.</summary>
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(200);

    private readonly RegionTarget _target;
    private readonly ServerCertificateValidator _validator;
    private readonly ResiliencePipeline _pipeline;
    private readonly RetryNotices _notices;

    public RegionCalls(RegionTarget target, ServerCertificateValidator validator, KubernetesClientOptions options, TimeProvider timeProvider, ILogger logger)
    {
        _target = target;
        _validator = validator;
        _notices = new RetryNotices(target.Region, timeProvider);
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                // Unlimited: the caller's token, which ends at the step's deadline, is the limit.
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = FirstDelay,
                MaxDelay = options.MaxBackoff,
                ShouldHandle = arguments => ValueTask.FromResult(
                    arguments.Outcome.Exception is { } failure && TransientFailures.IsTransient(failure, arguments.Context.CancellationToken)),

                // The server's Retry-After, when it sent one, even beyond MaxDelay; otherwise (null) the backoff.
                DelayGenerator = arguments => ValueTask.FromResult(RetryAfterHeader.From(arguments.Outcome.Exception!, timeProvider)),
                OnRetry = arguments =>
                {
                    var failure = TransientFailures.Describe(arguments.Outcome.Exception!);
                    LastTransientFailure = $"{arguments.Context.OperationKey}: {failure}";
                    _notices.Announce(logger, arguments.Context.OperationKey, failure);
                    Log.Retrying(logger, target.Region, arguments.Context.OperationKey, failure, arguments.AttemptNumber + 2, arguments.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>The last failure a call was retried after, for a message when the caller's time runs out.</summary>
    public string? LastTransientFailure { get; private set; }

    public async Task<T> ExecuteAsync<T>(ApiOperation operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(operation.ToString(), cancellationToken);
        try
        {
            return await _pipeline.ExecuteAsync(static async (context, call) => await call(context.CancellationToken), context, call);
        }
        catch (HttpOperationException failure)
        {
            throw ApiFailures.From(_target.Region, operation, failure);
        }
        catch (HttpRequestException failure) when (ApiFailures.IsUntrusted(failure))
        {
            throw ApiFailures.Untrusted(_target.Region, _target.Server, failure, _validator.LastRejection);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
