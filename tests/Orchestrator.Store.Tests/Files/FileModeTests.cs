using LiteDB;
using Orchestrator.Core.Rotations;
using Orchestrator.Store.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.Store.Tests.Files;

[Collection(ProcessWideState.Name)]
public sealed class FileModeTests
{
    [Fact]
    public void Open_NewPath_CreatesDirectories0700AndStateAndKeyFiles0600()
    {
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "state", "orchestrator", "state.db");

        using var store = TestStores.OpenWithKeyFile(path);

        Assert.Equal(FileModes.OwnerOnlyDirectory, File.GetUnixFileMode(Path.Combine(directory.Path, "state")));
        Assert.Equal(FileModes.OwnerOnlyDirectory, File.GetUnixFileMode(Path.Combine(directory.Path, "state", "orchestrator")));
        Assert.Equal(FileModes.OwnerReadWrite, File.GetUnixFileMode(path));
        Assert.Equal(FileModes.OwnerReadWrite, File.GetUnixFileMode(path + ".key"));
        Assert.Equal(32, new FileInfo(path + ".key").Length);
    }

    [Fact]
    public async Task TryLockAsync_FirstLock_CreatesLockDirectory0700AndLockFile0600()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("state.db");
        using var store = TestStores.Open(path);

        await using var runLock = await store.TryLockAsync(RotationId.Parse("rot-1"), "test", TestContext.Current.CancellationToken);

        Assert.True(runLock.Acquired);
        Assert.Equal(FileModes.OwnerOnlyDirectory, File.GetUnixFileMode(path + ".locks"));
        Assert.Equal(FileModes.OwnerReadWrite, File.GetUnixFileMode(Path.Combine(path + ".locks", "rot-1.lock")));
    }

    [Fact]
    public async Task SaveAsync_LiteDbWriteAheadLog_IsOwnerOnly()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("state.db");
        using var store = TestStores.Open(path);
        await store.CreateAsync(TestRotations.New("rot-1"), [], TestContext.Current.CancellationToken);
        // LiteDB writes its log (state-log.db) at each commit and deletes it once checkpointed when the operation
        // ends; with checkpoints off the log stays, so its mode can be read.
        var log = directory.File("state-log.db");
        using (var raw = new LiteDatabase($"Filename={path};Connection=shared"))
        {
            raw.Pragma("CHECKPOINT", 0);
            raw.Checkpoint();
        }

        // This connection's own log (made outside the store, so under the test's mask) is checkpointed: drop it.
        File.Delete(log);
        await store.SaveAsync(TestRotations.New("rot-1"), [TestRotations.Entry("rot-1", 1)], TestContext.Current.CancellationToken);

        Assert.True(File.Exists(log));
        Assert.Equal(FileModes.OwnerReadWrite, File.GetUnixFileMode(log));
        Assert.Single(await store.ReadJournalAsync(RotationId.Parse("rot-1"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Operations_EveryKind_LeaveOnlyStateKeyAndLocksBesideTheFile()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("state.db");
        using (var store = TestStores.OpenWithKeyFile(path))
        {
            var rotation = TestRotations.Full("rot-1");
            await store.CreateAsync(rotation, [TestRotations.Entry("rot-1", 1)], TestContext.Current.CancellationToken);
            await using (await store.TryLockAsync(RotationId.Parse("rot-1"), "test", TestContext.Current.CancellationToken))
            {
                await store.SaveAsync(rotation, [TestRotations.Entry("rot-1", 2)], TestContext.Current.CancellationToken);
                await store.ListAsync(TestContext.Current.CancellationToken);
                await store.FindAsync(RotationId.Parse("rot-1"), TestContext.Current.CancellationToken);
                await store.ReadJournalAsync(RotationId.Parse("rot-1"), TestContext.Current.CancellationToken);
            }
        }

        var entries = Directory.GetFileSystemEntries(directory.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(["state.db", "state.db.key", "state.db.locks"], entries);
    }
}
