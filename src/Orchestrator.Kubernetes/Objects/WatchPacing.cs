namespace Orchestrator.Kubernetes.Objects;

/// <summary>
/// How often a busy watch is read. A read that found its data in less than <see cref="Interval"/> means events are
/// arriving faster than that, and the next read waits out the interval first: the events that come meanwhile are
/// read and handled together, instead of each one waking the process on its own, and none waits longer than the
/// interval. A watch whose reads wait longer than that for data is read as soon as it is asked.
/// </summary>
internal sealed record WatchPacing(TimeSpan Interval, TimeProvider Time)
{
    /// <summary>Every read at once.</summary>
    public static WatchPacing None { get; } = new(TimeSpan.Zero, TimeProvider.System);
}
