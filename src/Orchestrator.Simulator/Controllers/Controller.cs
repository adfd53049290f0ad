using Microsoft.Extensions.Logging;
using Orchestrator.Simulator.Storage;

namespace Orchestrator.Simulator.Controllers;

/// <summary>
/// The shape every simulated controller shares: in-process watches feed keys into a work queue, one worker
/// reconciles them in turn, and a reconcile that meets a conflict is simply retried, as controllers do.
/// </summary>
internal abstract partial class Controller(RegionStore store, TimeProvider time, ILogger logger)
{
    private readonly List<Task> _running = [];

    protected RegionStore Store { get; } = store;

    protected TimeProvider Time { get; } = time;

    protected WorkQueue Queue { get; } = new(time);

    protected ILogger Logger { get; } = logger;

    protected CancellationToken Stopping { get; private set; }

    public void Start(CancellationToken stopping)
    {
        Stopping = stopping;
        foreach (var (type, filter) in Watches())
        {
            _running.Add(Task.Run(() => PumpAsync(type, filter, stopping), CancellationToken.None));
        }

        _running.Add(Task.Run(() => WorkAsync(stopping), CancellationToken.None));
    }

    public Task Completion => Task.WhenAll(_running);

    /// <summary>The resource types (and filters) whose changes concern this controller.</summary>
    protected abstract IEnumerable<(ResourceType Type, ObjectFilter Filter)> Watches();

    /// <summary>The queue key a change maps to, or null when it concerns nothing this controller owns.</summary>
    protected abstract string? KeyOf(WatchEvent change);

    protected abstract Task ReconcileAsync(string key, CancellationToken cancellationToken);

    private async Task PumpAsync(ResourceType type, ObjectFilter filter, CancellationToken stopping)
    {
        using var watcher = Store.Watch(type, filter, fromResourceVersion: null);
        try
        {
            await foreach (var change in watcher.Events.ReadAllAsync(stopping))
            {
                if (KeyOf(change) is { } key)
                {
                    Queue.Add(key);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task WorkAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            string key;
            try
            {
                key = await Queue.TakeAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }

            try
            {
                await ReconcileAsync(key, stopping);
            }
            catch (ApiException conflict) when (conflict.Code is System.Net.HttpStatusCode.Conflict or System.Net.HttpStatusCode.NotFound)
            {
                // Someone changed the object meanwhile: look again with fresh state.
                Queue.AddAfter(key, TimeSpan.FromMilliseconds(10), stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A controller must outlive a failed reconcile, as a real one does; the failure is logged.
            catch (Exception failure)
#pragma warning restore CA1031
            {
                LogReconcileFailed(Logger, GetType().Name, key, failure);
                Queue.AddAfter(key, TimeSpan.FromSeconds(1), stopping);
            }
        }
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Error, Message = "{Controller} failed to reconcile {Key}")]
    private static partial void LogReconcileFailed(ILogger logger, string controller, string key, Exception failure);
}
