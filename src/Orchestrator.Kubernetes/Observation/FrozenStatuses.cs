using System.Collections;
using System.Collections.Immutable;

namespace Orchestrator.Kubernetes.Observation;

/// <summary>
/// A kind's statuses in name order at one moment, read out of the frozen tree into a list the first time they are
/// read: most snapshots of a big region are ruled out by their StatefulSets alone, and never pay for that list.
/// </summary>
internal sealed class FrozenStatuses<TStatus>(ImmutableSortedDictionary<string, TStatus> items) : IReadOnlyList<TStatus>
{
    private TStatus[]? _list;

    public int Count => items.Count;

    public TStatus this[int index] => List[index];

    // Readers on two threads at once would each build the same list; either is right, so no lock is needed.
    private TStatus[] List => _list ??= [.. items.Values];

    public IEnumerator<TStatus> GetEnumerator() => ((IEnumerable<TStatus>)List).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
