using System.Collections.Immutable;
using k8s;

namespace Orchestrator.Kubernetes.Observation;

/// <summary>
/// What an observation knows of one kind: each object's status by name. Updates say whether the status a rotation
/// sees has changed, so that events about fields it does not read yield no snapshot. Kept in name order in a tree
/// that a snapshot freezes rather than copies: an update costs O(log n), a snapshot O(1), and its list of statuses is
/// read out only if somebody reads it, so a region of thousands of pods stays cheap however often it is observed.
/// </summary>
internal sealed class ObjectCache<TStatus>
{
    private ImmutableSortedDictionary<string, TStatus>.Builder _items = ImmutableSortedDictionary.CreateBuilder<string, TStatus>(StringComparer.Ordinal);

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
        _items = ImmutableSortedDictionary.CreateBuilder<string, TStatus>(StringComparer.Ordinal);
        _items.AddRange(items);
        return changed;
    }

    /// <summary>The statuses in name order as they are now; later updates do not change it.</summary>
    public IReadOnlyList<TStatus> Sorted() => new FrozenStatuses<TStatus>(_items.ToImmutable());
}
