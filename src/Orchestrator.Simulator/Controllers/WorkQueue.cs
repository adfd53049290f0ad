using System.Threading.Channels;

namespace Orchestrator.Simulator.Controllers;

/// <summary>
/// A controller's queue of object keys, as in client-go: a key waits at most once, and a key taken for work can be
/// queued again by changes that happen meanwhile.
/// </summary>
internal sealed class WorkQueue(TimeProvider time)
{
    private readonly Channel<string> _keys = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HashSet<string> _waiting = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public void Add(string key)
    {
        lock (_gate)
        {
            if (_waiting.Add(key))
            {
                _keys.Writer.TryWrite(key);
            }
        }
    }

    /// <summary>Queues the key once <paramref name="delay"/> has passed, unless <paramref name="cancellationToken"/> ends first.</summary>
    public void AddAfter(string key, TimeSpan delay, CancellationToken cancellationToken)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return;
        }

        _ = AddLaterAsync(key, delay, cancellationToken);
    }

    public async ValueTask<string> TakeAsync(CancellationToken cancellationToken)
    {
        var key = await _keys.Reader.ReadAsync(cancellationToken);
        lock (_gate)
        {
            _waiting.Remove(key);
        }

        return key;
    }

    private async Task AddLaterAsync(string key, TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, time, cancellationToken);
            Add(key);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The controller is stopping; nothing waits for this key any more.
        }
    }
}
