using Orchestrator.Core.Rotations;
using Orchestrator.Store.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.Store.Tests.Locks;

public sealed class CrashTests
{
    [Fact]
    public async Task SaveAsync_WriterKilledMidRun_LeavesEveryCommittedSaveWholeAndTheFileUsable()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("state.db");
        var rotation = TestRotations.Full("rot-1");
        var attemptsBefore = rotation.Steps.Sum(step => step.Attempts);
        using (var store = TestStores.Open(path))
        {
            await store.CreateAsync(rotation, [], TestContext.Current.CancellationToken);
        }

        // Each save adds one attempt to one step and one journal entry, in one transaction: after SIGKILL at any
        // point, the two counts still agree.
        using (var writer = ProbeProcess.Start("write", path, "rot-1", "1000000"))
        {
            Assert.StartsWith("acquired", await writer.ReadLineAsync(), StringComparison.Ordinal);
            while (await writer.ReadLineAsync() != "saved 100")
            {
            }

            await writer.KillAsync();
        }

        using var reopened = TestStores.Open(path);
        var saved = await reopened.FindAsync(RotationId.Parse("rot-1"), TestContext.Current.CancellationToken);
        var journal = await reopened.ReadJournalAsync(RotationId.Parse("rot-1"), TestContext.Current.CancellationToken);
        Assert.True(journal.Count >= 100);
        Assert.Equal(journal.Count, saved!.Steps.Sum(step => step.Attempts) - attemptsBefore);
        await using var runLock = await reopened.TryLockAsync(RotationId.Parse("rot-1"), "after the crash", TestContext.Current.CancellationToken);
        Assert.True(runLock.Acquired);
    }
}
