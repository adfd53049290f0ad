using Orchestrator.Simulator.Storage;

namespace Orchestrator.Simulator.Tests.Support;

/// <summary>
/// Waits, driven by the store's own change events, until a condition over a region's objects holds; the timeout
/// is only a safety net for a test that would otherwise hang.
/// </summary>
internal static class StoreWaiter
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static async Task UntilAsync(RegionStore store, Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? DefaultTimeout);
        var watchers = new[] { ResourceTypes.Pods, ResourceTypes.StatefulSets, ResourceTypes.Secrets }
            .Select(type => store.Watch(type, ObjectFilter.Everything, store.CurrentResourceVersion))
            .ToList();
        try
        {
            while (!condition())
            {
                var waits = watchers.Select(watcher => watcher.Events.WaitToReadAsync(cancel.Token).AsTask()).ToList();
                try
                {
                    await Task.WhenAny(waits).Unwrap();
                }
                catch (OperationCanceledException)
                {
                    throw new TimeoutException($"timed out waiting until {what}");
                }

                foreach (var watcher in watchers)
                {
                    while (watcher.Events.TryRead(out _))
                    {
                    }
                }
            }
        }
        finally
        {
            foreach (var watcher in watchers)
            {
                watcher.Dispose();
            }
        }
    }
}
