namespace Orchestrator.Kubernetes.Objects;

/// <summary>
/// How often a busy watch is read. A watch is busy once <see cref="BusyAfter"/> reads in a row have found data in less
/// than <see cref="Interval"/>: events are arriving faster than that, not just two or three together as a pod's
/// restart brings. Each next read of a busy watch waits out the interval first, so the events that come meanwhile
/// are read and handled together instead of each one waking the process on its own, and none waits longer than the
/// interval. A read that waits longer than that for data makes the watch quiet again, read as soon as it is asked.
/// </summary>
internal sealed record WatchPacing(TimeSpan Interval, TimeProvider Time)
{
    /// <summary>Quick reads in a row that make a watch busy.</summary>
    public const int BusyAfter = 8;

    /// <summary>Every read at once.</summary>
    public static WatchPacing None { get; } = new(TimeSpan.Zero, TimeProvider.System);
}
