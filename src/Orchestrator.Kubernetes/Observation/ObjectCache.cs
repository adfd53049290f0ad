using k8s;

namespace Orchestrator.Kubernetes.Observation;

/// <summary>
/// What an observation knows of one kind: each object's status by name. Updates say whether the status a rotation
/// sees has changed, so that events about fields it does not read yield no snapshot. Kept in name order, so that an
/// update costs O(log n) and a snapshot a plain copy: a region of thousands of pods stays cheap.
/// </summary>
internal sealed class ObjectCache<TStatus>
{
    private SortedDictionary<string, TStatus> _items = new(StringComparer.Ordinal);

    public bool Apply(WatchEventType type, string name, TStatus status)
    {
        switch (type)
        {
            case WatchEventType.Added or WatchEventType.Modified:
                if (_items.TryGetValue(name, out var known) && EqualityComparer<TStatus>.Default.Equals(known, status))
                {
                    return false;
                }

                _items[name] = status;
                return true;
            case WatchEventType.Deleted:
                return _items.Remove(name);
            default:
                return false;
        }
    }

    public bool Replace(Dictionary<string, TStatus> items)
    {
        var changed = items.Count != _items.Count
            || items.Any(pair => !_items.TryGetValue(pair.Key, out var known) || !EqualityComparer<TStatus>.Default.Equals(known, pair.Value));
        _items = new SortedDictionary<string, TStatus>(items, StringComparer.Ordinal);
        return changed;
    }

    /// <summary>The statuses in name order, a new list each time (the snapshot that holds it must not change later).</summary>
    public List<TStatus> Sorted() => [.. _items.Values];
}
