using System.Threading.Channels;

namespace Orchestrator.Simulator.Storage;

/// <summary>
/// One open watch: the store offers it every change of its resource type, and it keeps those its filter selects,
/// turning objects that enter or leave the selection into ADDED and DELETED as the API server does.
/// </summary>
internal sealed class Watcher : IDisposable
{
    private readonly Channel<WatchEvent> _events = Channel.CreateUnbounded<WatchEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Action<Watcher> _unsubscribe;

    public Watcher(ResourceType type, ObjectFilter filter, Action<Watcher> unsubscribe)
    {
        Type = type;
        Filter = filter;
        _unsubscribe = unsubscribe;
    }

    public ResourceType Type { get; }

    public ObjectFilter Filter { get; }

    public ChannelReader<WatchEvent> Events => _events.Reader;

    public void Dispose()
    {
        _unsubscribe(this);
        _events.Writer.TryComplete();
    }

    internal void Offer(WatchEvent change)
    {
        var selected = change.Kind switch
        {
            WatchEventKind.Added => Filter.Matches(change.Object) ? change : null,
            WatchEventKind.Deleted => Filter.Matches(change.Object) ? change : null,
            _ => Translate(change),
        };
        if (selected is not null)
        {
            _events.Writer.TryWrite(selected);
        }
    }

    private WatchEvent? Translate(WatchEvent change)
    {
        var now = Filter.Matches(change.Object);
        var before = change.Previous is not null && Filter.Matches(change.Previous);
        return (before, now) switch
        {
            (true, true) => change,
            (false, true) => change with { Kind = WatchEventKind.Added },

            // Like the API server: the object that left the selection, at the event's resource version.
            (true, false) => new WatchEvent(WatchEventKind.Deleted, change.Previous!.AtResourceVersion(change.Object.ResourceVersion), null),
            _ => null,
        };
    }
}
