using k8s;
using Microsoft.Extensions.Logging;
using Orchestrator.Controller.Resources;
using Orchestrator.Core.Rotations;
using Polly;

namespace Orchestrator.Controller.Serving;

/// <summary>
/// The leader's work for one term: a list of the namespace's CaRotations, then a watch from the list's version
/// (listed again after an error or 410, with backoff, and every <see cref="ControllerSettings.Relist"/> anyway), one
/// worker per CaRotation that needs one. Everything stops when the term ends.
/// </summary>
internal sealed partial class RotationController(ControllerContext context)
{
    private readonly ILogger _logger = context.Loggers.CreateLogger("Orchestrator.Controller");
    private readonly Dictionary<string, Running> _workers = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    private readonly ResiliencePipeline _relisting = Relisting.Pipeline();

    public async Task RunAsync(CancellationToken term)
    {
        try
        {
            while (!term.IsCancellationRequested)
            {
                await _relisting.ExecuteAsync(ListAndWatchAsync, term);
            }
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

            await Task.WhenAll(running);
        }
    }

    /// <summary>Lists, then watches until the relist is due; a failure goes to the retry, which lists again.</summary>
    private async ValueTask ListAndWatchAsync(CancellationToken term)
    {
        var (items, version) = await context.Api.ListAsync(term);
        LogListed(_logger, items.Count, version);
        foreach (var item in items)
        {
            Apply(WatchEventType.Added, item, term);
        }

        using var relist = CancellationTokenSource.CreateLinkedTokenSource(term);
        relist.CancelAfter(context.Settings.Relist);
        try
        {
            while (true)
            {
                await foreach (var (type, rotation, seen) in context.Api.WatchAsync(version, relist.Token))
                {
                    version = seen.Length > 0 ? seen : version;
                    if (rotation is not null)
                    {
                        Apply(type, rotation, term);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (relist.IsCancellationRequested && !term.IsCancellationRequested)
        {
            // The safety list is due.
        }
    }

    private void Apply(WatchEventType type, CaRotation rotation, CancellationToken term)
    {
        var name = rotation.Metadata.Name;
        lock (_gate)
        {
            if (_workers.TryGetValue(name, out var running) && !running.Task.IsCompleted)
            {
                if (type == WatchEventType.Deleted)
                {
                    running.Stop.Cancel();
                }
                else
                {
                    running.Worker.Observe(rotation);
                }

                return;
            }

            if (type == WatchEventType.Deleted || !NeedsWork(rotation))
            {
                return;
            }

            var worker = new RotationWorker(context with { RotationEnded = Ended }, rotation);
            var stop = CancellationTokenSource.CreateLinkedTokenSource(term);
            _workers[name] = new Running(worker, stop, Task.Run(() => RunWorkerAsync(worker, stop), CancellationToken.None));
        }
    }

    private async Task RunWorkerAsync(RotationWorker worker, CancellationTokenSource stop)
    {
        try
        {
            await worker.RunAsync(stop.Token);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // A fault of this rotation's run must not end the others'; the next change or list looks at it again.
            LogWorkerFailed(_logger, worker.Name, failure);
        }
        finally
        {
            stop.Dispose();
        }
    }

    /// <summary>Rotations waiting for the same CA Secret look again when one ends.</summary>
    private void Ended(RotationWorker ended)
    {
        lock (_gate)
        {
            foreach (var running in _workers.Values.Where(running => running.Worker != ended && !running.Task.IsCompleted && running.Worker.SecretKey == ended.SecretKey))
            {
                running.Worker.Nudge();
            }
        }
    }

    /// <summary>Whether a CaRotation may need anything: not one whose end is reported and that holds nothing.</summary>
    private static bool NeedsWork(CaRotation rotation) =>
        rotation.Metadata.DeletionTimestamp is not null
        || rotation.Metadata.Finalizers?.Contains(RotationWorker.Finalizer) == true
        || rotation.Status?.ObservedGeneration != rotation.Metadata.Generation
        || rotation.Status?.State is not (nameof(RotationState.Succeeded) or nameof(RotationState.RolledBack))
        || rotation.Metadata.Annotations?.ContainsKey(RotationWorker.RetryAnnotation) == true;

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "listed {Count} CaRotations at version {Version}")]
    private static partial void LogListed(ILogger logger, int count, string version);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Error, Message = "CaRotation {Name}: its worker failed; it is looked at again on its next change")]
    private static partial void LogWorkerFailed(ILogger logger, string name, Exception failure);

    private sealed record Running(RotationWorker Worker, CancellationTokenSource Stop, Task Task);
}
