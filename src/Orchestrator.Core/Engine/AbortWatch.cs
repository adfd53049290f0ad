using Orchestrator.Core.Persistence;
using Orchestrator.Core.Rotations;

namespace Orchestrator.Core.Engine;

/// <summary>
/// Looks, while a step runs, for a request (recorded in the state file by <c>abort</c> from another process) to
/// abort the rotation; <see cref="Requested"/> ends when one appears. Disposing stops looking.
/// </summary>
internal sealed class AbortWatch : IDisposable
{
    private readonly CancellationTokenSource _requested = new();
    private readonly CancellationTokenSource _stop = new();

    public AbortWatch(IRotationStore store, RotationId rotationId, TimeSpan interval, TimeProvider time)
    {
        _ = Task.Run(() => WatchAsync(store, rotationId, interval, time), CancellationToken.None);
    }

    public CancellationToken Requested => _requested.Token;

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    private async Task WatchAsync(IRotationStore store, RotationId rotationId, TimeSpan interval, TimeProvider time)
    {
        var stop = _stop.Token;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(interval, time, stop);
                if (await store.FindAbortRequestAsync(rotationId, stop) is not null)
                {
                    await _requested.CancelAsync();
                    return;
                }
            }
        }
        catch (Exception ended) when (ended is OperationCanceledException or ObjectDisposedException)
        {
            // The step is over: nothing more to look for.
        }
    }
}
