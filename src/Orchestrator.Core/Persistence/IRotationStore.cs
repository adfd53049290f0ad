using Orchestrator.Core.Rotations;

namespace Orchestrator.Core.Persistence;

/// <summary>
/// Where rotations are kept between and during runs: one document per rotation and an append-only journal. Every
/// call is durable when it returns (a process crash afterwards loses nothing it wrote).
/// </summary>
public interface IRotationStore : IDisposable
{
    /// <summary>Adds a new rotation with its first journal entries; fails if the id exists.</summary>
    Task CreateAsync(Rotation rotation, IReadOnlyList<JournalEntry> journal, CancellationToken cancellationToken);

    Task<Rotation?> FindAsync(RotationId id, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the rotation's document (and any progress saved apart, which the rotation in memory holds too) and
    /// appends journal entries, in one transaction.
    /// </summary>
    Task SaveAsync(Rotation rotation, IReadOnlyList<JournalEntry> journal, CancellationToken cancellationToken);

    /// <summary>
    /// Saves where a running wait stands without rewriting the rotation: a rotation of thousands of pods carries their
    /// baselines, too large to write again every second. <see cref="FindAsync"/> and <see cref="FindNewestAsync"/>
    /// show it on the step while that step is running; the next <see cref="SaveAsync"/> takes its place.
    /// </summary>
    Task SaveProgressAsync(RotationId id, int stepNumber, WaitProgress progress, CancellationToken cancellationToken);

    /// <summary>The rotation that <see cref="ListAsync"/> would list first, or null when there is none.</summary>
    Task<Rotation?> FindNewestAsync(CancellationToken cancellationToken);

    /// <summary>Every rotation, newest first (by creation time, then id), without steps.</summary>
    Task<IReadOnlyList<RotationSummary>> ListAsync(CancellationToken cancellationToken);

    /// <summary>A rotation's journal in the order it was written.</summary>
    Task<IReadOnlyList<JournalEntry>> ReadJournalAsync(RotationId id, CancellationToken cancellationToken);

    /// <summary>
    /// Asks whoever runs the rotation to roll it back. Kept apart from the rotation's document, so that the running
    /// process's own saves cannot overwrite the request.
    /// </summary>
    Task RequestAbortAsync(RotationId id, string reason, CancellationToken cancellationToken);

    /// <summary>The reason of a pending abort request, or null.</summary>
    Task<string?> FindAbortRequestAsync(RotationId id, CancellationToken cancellationToken);

    Task ClearAbortRequestAsync(RotationId id, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the right to run a rotation, held until the returned lock is disposed or the process dies. When another
    /// process holds it, the result says who.
    /// </summary>
    Task<RunLock> TryLockAsync(RotationId id, string owner, CancellationToken cancellationToken);

    /// <summary>
    /// Who runs the rotation now: null when no process holds its run lock, else the holder as
    /// <see cref="RunLock.Holder"/> gives it (process, host, since when). Reads only, creates nothing, and works on a
    /// store opened for reading. Asking must never make a concurrent <see cref="TryLockAsync"/> fail: an
    /// implementation that has to touch the lock to ask makes <see cref="TryLockAsync"/> wait out that touch.
    /// </summary>
    Task<string?> FindRunnerAsync(RotationId id, CancellationToken cancellationToken);
}
