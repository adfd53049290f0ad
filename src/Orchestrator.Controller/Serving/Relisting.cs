using Polly;
using Polly.Retry;

namespace Orchestrator.Controller.Serving;

/// <summary>How a list and watch starts again after any failure: with backoff and jitter, for as long as the term lasts.</summary>
internal static class Relisting
{
    public static ResiliencePipeline Pipeline() => new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(failure => failure is not OperationCanceledException),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromSeconds(1),
            MaxDelay = TimeSpan.FromSeconds(30),
            MaxRetryAttempts = int.MaxValue,
        })
        .Build();
}
