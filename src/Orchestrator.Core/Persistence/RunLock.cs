namespace Orchestrator.Core.Persistence;

/// <summary>The outcome of asking for a rotation's run lock: held (dispose to release), or held by <see cref="Holder"/>.</summary>
public sealed class RunLock : IAsyncDisposable
{
    private readonly IAsyncDisposable? _release;

    private RunLock(IAsyncDisposable? release, string? holder)
    {
        _release = release;
        Holder = holder;
    }

    public bool Acquired => _release is not null;

    /// <summary>Who holds the lock when it was not acquired (process, host, since when).</summary>
    public string? Holder { get; }

    public static RunLock Held(IAsyncDisposable release) => new(release, null);

    public static RunLock HeldBy(string holder) => new(null, holder);

    public ValueTask DisposeAsync() => _release?.DisposeAsync() ?? ValueTask.CompletedTask;
}
