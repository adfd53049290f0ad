using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Orchestrator.Controller.Serving;
using Polly;
using Polly.Retry;

namespace Orchestrator.Controller.Schedules;

/// <summary>
/// One region's CA Secret, listed and then watched from the list's version (listed again after an error or 410, with
/// backoff, and every relist period anyway), each reading handed to <paramref name="report"/>. A failure is reported
/// too, so that the schedule says why it does not know the CA.
/// </summary>
internal sealed partial class CaSecretWatch(
    IKubernetes client,
    string region,
    string @namespace,
    string secret,
    ScheduleContext context,
    Action<RegionCaReading> report)
{
    private readonly ILogger _logger = context.Loggers.CreateLogger("Orchestrator.Controller.Schedules");
    private readonly string _where = $"{@namespace}/{secret}";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var relisting = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(failure => failure is not OperationCanceledException),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(1),
                MaxDelay = TimeSpan.FromSeconds(30),
                MaxRetryAttempts = int.MaxValue,
                OnRetry = retry =>
                {
                    var problem = $"region {region}: Secret {_where} cannot be read: {retry.Outcome.Exception?.Message}";
                    LogReadFailed(_logger, region, _where, retry.Outcome.Exception?.Message ?? "unknown");
                    report(RegionCaReading.Unread(region, problem));
                    return default;
                },
            })
            .Build();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await relisting.ExecuteAsync(ListAndWatchAsync, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The schedule is gone, changed, or the term is over.
        }
    }

    private async ValueTask ListAndWatchAsync(CancellationToken cancellationToken)
    {
        var selector = $"metadata.name={secret}";
        var list = await client.CoreV1.ListNamespacedSecretAsync(@namespace, fieldSelector: selector, cancellationToken: cancellationToken);
        Report(list.Items.FirstOrDefault());
        var version = list.Metadata?.ResourceVersion;

        using var relistDue = new CancellationTokenSource(context.Relist, context.Time);
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, relistDue.Token);
        try
        {
            while (true)
            {
                await foreach (var (type, changed) in client.CoreV1.WatchListNamespacedSecretAsync(
                    @namespace, allowWatchBookmarks: true, fieldSelector: selector, resourceVersion: version, cancellationToken: watching.Token))
                {
                    switch (type)
                    {
                        case WatchEventType.Added or WatchEventType.Modified:
                            Report(changed);
                            break;
                        case WatchEventType.Deleted:
                            Report(null);
                            break;
                        case WatchEventType.Bookmark:
                            break;
                        default:
                            throw new WatchExpiredException($"the watch of Secret {_where} ended with an error event");
                    }

                    version = changed?.Metadata?.ResourceVersion ?? version;
                }
            }
        }
        catch (OperationCanceledException) when (relistDue.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // The safety list is due.
        }
    }

    private void Report(V1Secret? found)
    {
        var reading = RegionCaReading.Of(region, _where, found, context.Time.GetUtcNow());
        LogRead(_logger, region, _where, reading.Ca?.Subject ?? reading.Problem ?? "no ca.crt");
        report(reading);
    }

    [LoggerMessage(EventId = 3300, Level = LogLevel.Debug, Message = "region {Region}: CA Secret {Secret} read: {Ca}")]
    private static partial void LogRead(ILogger logger, string region, string secret, string ca);

    [LoggerMessage(EventId = 3301, Level = LogLevel.Warning, Message = "region {Region}: CA Secret {Secret} cannot be read ({Problem}); listing again")]
    private static partial void LogReadFailed(ILogger logger, string region, string secret, string problem);
}
