using k8s;
using Microsoft.Extensions.Logging;
using Orchestrator.Controller.Resources;
using Orchestrator.Controller.Serving;
using Polly;

namespace Orchestrator.Controller.Schedules;

/// <summary>
/// The leader's schedules for one term: a list and watch of the namespace's CaRotationSchedules (one worker each), and
/// of the CaRotations they own, whose changes nudge their schedule. Both are listed again after an error or 410, with
/// backoff, and every <see cref="Serving.ControllerSettings.Relist"/> anyway. Everything stops when the term ends.
/// </summary>
internal sealed partial class ScheduleController(ScheduleContext context)
{
    private readonly ILogger _logger = context.Loggers.CreateLogger("Orchestrator.Controller.Schedules");
    private readonly Dictionary<string, Running> _workers = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    private readonly ResiliencePipeline _relisting = Relisting.Pipeline();

    public async Task RunAsync(CancellationToken term)
    {
        try
        {
            await Task.WhenAll(KeepWatchingAsync(WatchSchedulesAsync, term), KeepWatchingAsync(WatchRotationsAsync, term));
        }
        catch (OperationCanceledException) when (term.IsCancellationRequested)
        {
            // The term is over.
        }
        finally
        {
            Task[] running;
            lock (_gate)
            {
                running = [.. _workers.Values.Select(worker => worker.Task)];
            }

            // Each worker's token is linked to the term's, which has ended.
            await Task.WhenAll(running);
        }
    }

    private async Task KeepWatchingAsync(Func<CancellationToken, ValueTask> listAndWatch, CancellationToken term)
    {
        while (!term.IsCancellationRequested)
        {
            await _relisting.ExecuteAsync(listAndWatch, term);
        }
    }

    private async ValueTask WatchSchedulesAsync(CancellationToken term)
    {
        var (items, version) = await context.Api.Schedules.ListAsync(null, term);
        LogListed(_logger, items.Count, version);
        lock (_gate)
        {
            // A schedule deleted while nothing watched is stopped here.
            var listed = items.Select(item => item.Metadata.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var (name, running) in _workers.Where(pair => !listed.Contains(pair.Key)))
            {
                running.Stop.Cancel();
            }
        }

        foreach (var item in items)
        {
            Apply(WatchEventType.Added, item, term);
        }

        await WatchUntilRelistAsync(
            async relist =>
            {
                await foreach (var (type, schedule, seen) in context.Api.Schedules.WatchAsync(null, version, relist))
                {
                    version = seen.Length > 0 ? seen : version;
                    if (schedule is not null)
                    {
                        Apply(type, schedule, term);
                    }
                }
            },
            term);
    }

    private async ValueTask WatchRotationsAsync(CancellationToken term)
    {
        var selector = ScheduleApi.OwnedSelector();
        var (_, version) = await context.Api.Rotations.ListAsync(selector, term);
        NudgeAll();
        await WatchUntilRelistAsync(
            async relist =>
            {
                await foreach (var (_, rotation, seen) in context.Api.Rotations.WatchAsync(selector, version, relist))
                {
                    version = seen.Length > 0 ? seen : version;
                    if (rotation?.Metadata.Labels is { } labels && labels.TryGetValue(CaRotationScheduleDefinition.ScheduleLabel, out var owner))
                    {
                        Nudge(owner);
                    }
                }
            },
            term);
    }

    /// <summary>Watches again each time the server ends a watch, until the safety list is due; a failure goes to the retry.</summary>
    private async Task WatchUntilRelistAsync(Func<CancellationToken, Task> watch, CancellationToken term)
    {
        using var relistDue = new CancellationTokenSource(context.Relist, context.Time);
        using var relist = CancellationTokenSource.CreateLinkedTokenSource(term, relistDue.Token);
        try
        {
            while (true)
            {
                await watch(relist.Token);
            }
        }
        catch (OperationCanceledException) when (relistDue.IsCancellationRequested && !term.IsCancellationRequested)
        {
            // The safety list is due.
        }
    }

    private void Apply(WatchEventType type, CaRotationSchedule schedule, CancellationToken term)
    {
        var name = schedule.Metadata.Name;
        lock (_gate)
        {
            if (_workers.TryGetValue(name, out var running) && !running.Task.IsCompleted)
            {
                if (type == WatchEventType.Deleted || running.Uid != schedule.Metadata.Uid)
                {
                    // Gone, or deleted and made again under the same name: the old one's worker ends.
                    running.Stop.Cancel();
                }
                else
                {
                    running.Worker.Observe(schedule);
                    return;
                }
            }

            if (type == WatchEventType.Deleted || schedule.Metadata.DeletionTimestamp is not null)
            {
                return;
            }

            var worker = new ScheduleWorker(context, schedule);
            var stop = CancellationTokenSource.CreateLinkedTokenSource(term);
            var previous = running?.Task ?? Task.CompletedTask;
            _workers[name] = new Running(worker, schedule.Metadata.Uid, stop, Task.Run(() => RunWorkerAsync(worker, previous, stop), CancellationToken.None));
        }
    }

    /// <summary>Runs a worker once the one it replaces has stopped, so that two never write one schedule's status.</summary>
    private async Task RunWorkerAsync(ScheduleWorker worker, Task previous, CancellationTokenSource stop)
    {
        try
        {
            await previous;
            await worker.RunAsync(stop.Token);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // A fault of one schedule must not end the others'; its next change or list starts it again.
            LogWorkerFailed(_logger, worker.Name, failure);
        }
        finally
        {
            // Out of the table before its token goes, so that nothing cancels a disposed token.
            lock (_gate)
            {
                if (_workers.TryGetValue(worker.Name, out var running) && running.Worker == worker)
                {
                    _workers.Remove(worker.Name);
                }
            }

            stop.Dispose();
        }
    }

    private void Nudge(string schedule)
    {
        lock (_gate)
        {
            if (_workers.TryGetValue(schedule, out var running) && !running.Task.IsCompleted)
            {
                running.Worker.Nudge();
            }
        }
    }

    private void NudgeAll()
    {
        lock (_gate)
        {
            foreach (var running in _workers.Values.Where(running => !running.Task.IsCompleted))
            {
                running.Worker.Nudge();
            }
        }
    }

    [LoggerMessage(EventId = 3330, Level = LogLevel.Information, Message = "listed {Count} CaRotationSchedules at version {Version}")]
    private static partial void LogListed(ILogger logger, int count, string version);

    [LoggerMessage(EventId = 3331, Level = LogLevel.Error, Message = "CaRotationSchedule {Name}: its worker failed; it is looked at again on its next change")]
    private static partial void LogWorkerFailed(ILogger logger, string name, Exception failure);

    private sealed record Running(ScheduleWorker Worker, string? Uid, CancellationTokenSource Stop, Task Task);
}
