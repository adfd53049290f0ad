namespace Orchestrator.Simulator.Storage;

/// <summary>
/// The recent changes of one resource type, like the API server's watch cache: a watch may resume from any
/// resource version still covered; older ones are gone (410 Expired).
/// </summary>
internal sealed class EventHistory(int capacity)
{
    private readonly Queue<WatchEvent> _events = new();

    /// <summary>The newest resource version whose event has been dropped.</summary>
    public long CompactedThrough { get; private set; }

    public void Add(WatchEvent change)
    {
        _events.Enqueue(change);
        while (_events.Count > capacity)
        {
            CompactedThrough = _events.Dequeue().Object.ResourceVersion;
        }
    }

    public bool Covers(long resourceVersion) => resourceVersion >= CompactedThrough;

    public IEnumerable<WatchEvent> After(long resourceVersion) =>
        _events.Where(change => change.Object.ResourceVersion > resourceVersion);
}
