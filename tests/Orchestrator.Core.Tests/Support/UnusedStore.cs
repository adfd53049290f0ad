using Orchestrator.Core.Persistence;
using Orchestrator.Core.Rotations;

namespace Orchestrator.Core.Tests.Support;

/// <summary>
/// For a step that must not save anything itself: every call fails the test, but a wait's progress when the test
/// asks to be given it.
/// </summary>
internal sealed class UnusedStore(Action<WaitProgress>? progressSaved = null) : IRotationStore
{
    public Task CreateAsync(Rotation rotation, IReadOnlyList<JournalEntry> journal, CancellationToken cancellationToken) => Unexpected();

    public Task<Rotation?> FindAsync(RotationId id, CancellationToken cancellationToken) => Unexpected<Rotation?>();

    public Task SaveAsync(Rotation rotation, IReadOnlyList<JournalEntry> journal, CancellationToken cancellationToken) => Unexpected();

    public Task SaveProgressAsync(RotationId id, int stepNumber, WaitProgress progress, CancellationToken cancellationToken)
    {
        if (progressSaved is null)
        {
            return Unexpected();
        }

        progressSaved(progress);
        return Task.CompletedTask;
    }

    public Task<Rotation?> FindNewestAsync(CancellationToken cancellationToken) => Unexpected<Rotation?>();

    public Task<IReadOnlyList<RotationSummary>> ListAsync(CancellationToken cancellationToken) => Unexpected<IReadOnlyList<RotationSummary>>();

    public Task<IReadOnlyList<JournalEntry>> ReadJournalAsync(RotationId id, CancellationToken cancellationToken) => Unexpected<IReadOnlyList<JournalEntry>>();

    public Task RequestAbortAsync(RotationId id, string reason, CancellationToken cancellationToken) => Unexpected();

    public Task<string?> FindAbortRequestAsync(RotationId id, CancellationToken cancellationToken) => Unexpected<string?>();

    public Task ClearAbortRequestAsync(RotationId id, CancellationToken cancellationToken) => Unexpected();

    public Task<RunLock> TryLockAsync(RotationId id, string owner, CancellationToken cancellationToken) => Unexpected<RunLock>();

    public Task<string?> FindRunnerAsync(RotationId id, CancellationToken cancellationToken) => Unexpected<string?>();

    public void Dispose()
    {
    }

    private static Task Unexpected() => Task.FromException(Misuse());

    private static Task<T> Unexpected<T>() => Task.FromException<T>(Misuse());

    private static InvalidOperationException Misuse() => new("the state file was used by a step that must not use it");
}
