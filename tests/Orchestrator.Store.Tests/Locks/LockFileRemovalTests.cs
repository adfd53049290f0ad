using Orchestrator.Core.Rotations;
using Orchestrator.Store.Locks;
using Orchestrator.Store.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.Store.Tests.Locks;

/// <summary>A rotation's lock file goes once the rotation is final, and only then.</summary>
public sealed class LockFileRemovalTests
{
    [Theory]
    [InlineData(RotationState.Succeeded)]
    [InlineData(RotationState.RolledBack)]
    public async Task DisposeAsync_RotationStoredFinal_DeletesTheLockFileAndALaterLockMakesItAfresh(RotationState final)
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("state.db");
        var lockFile = Path.Combine(path + ".locks", "rot-1.lock");
        using var store = TestStores.Open(path);
        var rotation = TestRotations.New("rot-1");
        await store.CreateAsync(rotation, [], TestContext.Current.CancellationToken);

        // Unfinished (Pending here; Failed, Running or RollingBack alike): kept, emptied.
        await (await store.TryLockAsync(RotationId.Parse("rot-1"), "first run", TestContext.Current.CancellationToken)).DisposeAsync();
        Assert.True(File.Exists(lockFile));
        Assert.Equal(0, new FileInfo(lockFile).Length);

        await using (var run = await store.TryLockAsync(RotationId.Parse("rot-1"), "last run", TestContext.Current.CancellationToken))
        {
            Assert.True(run.Acquired);
            rotation.State = final;
            await store.SaveAsync(rotation, [], TestContext.Current.CancellationToken);
            Assert.True(File.Exists(lockFile));
        }

        Assert.False(File.Exists(lockFile));
        Assert.Empty(Directory.GetFileSystemEntries(path + ".locks"));
        await using var again = await store.TryLockAsync(RotationId.Parse("rot-1"), "after the end", TestContext.Current.CancellationToken);
        Assert.True(again.Acquired);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Claim_FileDeletedSinceItWasOpened_IsRefusedSoTheTakerStartsAgain(bool replaced)
    {
        // The race it closes: a taker opens the file, its holder deletes it (the rotation is final) and lets go, the
        // taker locks the deleted file while another makes and locks a new one.
        using var directory = new TemporaryDirectory();
        var path = directory.File("rot-1.lock");
        using var opened = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        File.Delete(path);
        if (replaced)
        {
            File.WriteAllText(path, string.Empty);
        }

        Assert.False(RunLockFile.Claim(opened, path, "pid 1 on host h since 2026-11-30T08:15:00Z (late taker)"));
    }
}
