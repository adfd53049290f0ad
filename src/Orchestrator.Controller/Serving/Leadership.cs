using k8s;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using k8s.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestrator.Controller.Metrics;
using Orchestrator.Controller.Schedules;

namespace Orchestrator.Controller.Serving;

/// <summary>
/// Takes part in the leader election over the Lease <see cref="ControllerSettings.LeaseName"/> (the client's
/// <see cref="LeaderElector"/>), and while this replica leads, runs the rotations. Leadership lost ends the term's
/// work at once; the store refuses its writes from then on. At shutdown the work saves where it is and the Lease is
/// released, so that another replica takes over without waiting for it to expire.
/// </summary>
internal sealed partial class Leadership(
    IKubernetes client,
    ControllerSettings settings,
    Func<CancellationToken, ControllerContext> contextForTerm,
    IRegionClients scheduleRegions,
    ReadinessProbe readiness,
    ControllerMetrics metrics,
    ILogger<Leadership> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var leaseLock = new LeaseLock(client, settings.Namespace, settings.LeaseName, settings.Identity);
        while (!stoppingToken.IsCancellationRequested)
        {
            CancellationTokenSource? term = null;
            Task? work = null;
            string? failed = null;
            using var elector = new LeaderElector(new LeaderElectionConfig(leaseLock)
            {
                LeaseDuration = settings.LeaseDuration,
                RenewDeadline = settings.RenewDeadline,
                RetryPeriod = settings.RetryPeriod,
            });
            elector.OnStartedLeading += () =>
            {
                LogLeading(logger, settings.Identity, settings.LeaseName);
                metrics.Leading(true);
                term = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var token = term.Token;
                work = Task.WhenAll(
                    Task.Run(() => new RotationController(contextForTerm(token)).RunAsync(token), CancellationToken.None),
                    Task.Run(() => new ScheduleController(ScheduleContext.Of(contextForTerm(token), client, scheduleRegions)).RunAsync(token), CancellationToken.None));
            };
            elector.OnStoppedLeading += () =>
            {
                if (term is not null)
                {
                    LogStoppedLeading(logger, settings.Identity);
                    metrics.Leading(false);
                    term.Cancel();
                }
            };
            elector.OnNewLeader += leader =>
            {
                readiness.LeaderSeen();
                LogNewLeader(logger, leader);
            };

            try
            {
                await elector.RunUntilLeadershipLostAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Shutting down.
            }
            catch (Exception failure) when (failure is HttpRequestException or k8s.Autorest.HttpOperationException or IOException or OperationCanceledException)
            {
                // The elector lets a failed or timed-out request out while it tries to acquire (the API unreachable); this
                // replica stays a candidate and tries again, as it would after losing the Lease.
                failed = failure.Message;
            }
            finally
            {
                metrics.Leading(false);
                if (term is not null)
                {
                    await term.CancelAsync();
                }

                if (work is not null)
                {
                    await work;
                    LogWorkStopped(logger, settings.Identity);
                }

                term?.Dispose();
            }

            if (failed is not null && !stoppingToken.IsCancellationRequested)
            {
                LogElectionFailed(logger, settings.LeaseName, failed);
                await DelayAsync(settings.RetryPeriod, stoppingToken);
            }
        }

        await ReleaseAsync();
    }

    /// <summary>
    /// Gives the Lease up if this replica holds it, the way client-go does (no holder, a one-second duration): the
    /// client has no release of its own.
    /// </summary>
    private async Task ReleaseAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        try
        {
            var lease = await client.CoordinationV1.ReadNamespacedLeaseAsync(settings.LeaseName, settings.Namespace, cancellationToken: timeout.Token);
            if (lease.Spec?.HolderIdentity != settings.Identity)
            {
                return;
            }

            lease.Spec.HolderIdentity = string.Empty;
            lease.Spec.LeaseDurationSeconds = 1;
            await client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, settings.LeaseName, settings.Namespace, cancellationToken: timeout.Token);
            LogReleased(logger, settings.LeaseName);
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            // Not released: the Lease expires on its own, later.
            LogReleaseFailed(logger, settings.LeaseName, failure.Message);
        }
    }

    private static async Task DelayAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(EventId = 3200, Level = LogLevel.Information, Message = "{Identity} leads (Lease {Lease}): running rotations")]
    private static partial void LogLeading(ILogger logger, string identity, string lease);

    [LoggerMessage(EventId = 3201, Level = LogLevel.Warning, Message = "{Identity} no longer leads: stopping its work")]
    private static partial void LogStoppedLeading(ILogger logger, string identity);

    [LoggerMessage(EventId = 3206, Level = LogLevel.Information, Message = "{Identity}: its work has stopped")]
    private static partial void LogWorkStopped(ILogger logger, string identity);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Information, Message = "the leader is {Leader}")]
    private static partial void LogNewLeader(ILogger logger, string leader);

    [LoggerMessage(EventId = 3203, Level = LogLevel.Information, Message = "Lease {Lease} released")]
    private static partial void LogReleased(ILogger logger, string lease);

    [LoggerMessage(EventId = 3204, Level = LogLevel.Warning, Message = "Lease {Lease} could not be released ({Problem}); it expires on its own")]
    private static partial void LogReleaseFailed(ILogger logger, string lease, string problem);

    [LoggerMessage(EventId = 3205, Level = LogLevel.Warning, Message = "Lease {Lease}: the election failed ({Problem}); trying again")]
    private static partial void LogElectionFailed(ILogger logger, string lease, string problem);
}
