using Orchestrator.Core.Persistence;
using Orchestrator.Core.Rotations;
using Orchestrator.Store.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.Store.Tests.Locks;

/// <summary>
/// A run saving often while other commands read the same file: a real second process, and two stores of one
/// process on parallel threads; and several processes making one new file at once.
/// </summary>
public sealed class ConcurrencyTests
{
    private const int Saves = 300;

    [Fact]
    public async Task Readers_WhileAnotherProcessHoldsTheLockAndSaves_SeeEveryStateWithoutErrors()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("state.db");
        using var store = TestStores.Open(path);
        await store.CreateAsync(TestRotations.Full("rot-1"), [], TestContext.Current.CancellationToken);

        using var writer = ProbeProcess.Start("write", path, "rot-1", Saves.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.StartsWith("acquired", await writer.ReadLineAsync(), StringComparison.Ordinal);
        var exit = writer.WaitForExitAsync();
        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(() => ReadUntilAsync(store, exit), TestContext.Current.CancellationToken)).ToList();

        var (exitCode, output, error) = await exit;
        var reads = await Task.WhenAll(readers);

        Assert.True(exitCode == 0, $"writer exited {exitCode}: {error}");
        Assert.Equal($"saved {Saves}", output.Trim().Split('\n')[^1]);
        Assert.All(reads, count => Assert.True(count > 0));
        Assert.Equal(Saves, (await store.ReadJournalAsync(RotationId.Parse("rot-1"), TestContext.Current.CancellationToken)).Count);
    }

    [Fact]
    public async Task TwoStoresInOneProcess_WriterAndReadersInParallel_SeeEveryStateWithoutErrors()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("state.db");
        using var writerStore = TestStores.Open(path);
        using var readerStore = TestStores.Open(path);
        var rotation = TestRotations.Full("rot-1");
        await writerStore.CreateAsync(rotation, [], TestContext.Current.CancellationToken);

        var writer = Task.Run(async () =>
        {
            for (var i = 1; i <= Saves; i++)
            {
                rotation.Steps[0].Attempts = i;
                await writerStore.SaveAsync(rotation, [TestRotations.Entry("rot-1", i)], TestContext.Current.CancellationToken);
            }
        }, TestContext.Current.CancellationToken);
        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(() => ReadUntilAsync(readerStore, writer), TestContext.Current.CancellationToken)).ToList();

        await writer;
        await Task.WhenAll(readers);

        Assert.Equal(Enumerable.Range(1, Saves).Cast<int?>(), (await readerStore.ReadJournalAsync(RotationId.Parse("rot-1"), TestContext.Current.CancellationToken)).Select(entry => entry.Step));
    }

    [Fact]
    public async Task Open_SeveralProcessesCreatingOneNewFileAtOnce_AgreeOnOneFileAndKeyThatNobodySeesIncomplete()
    {
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "new", "state.db");
        var ids = Enumerable.Range(1, 4).Select(i => $"rot-{i}").ToList();
        var creators = ids.Select(id => ProbeProcess.StartWithKeyFile("create", path, id, $"asked by {id}")).ToList();
        try
        {
            foreach (var creator in creators)
            {
                Assert.Equal("ready", await creator.ReadLineAsync());
            }

            using var done = new CancellationTokenSource();
            var watcher = Task.Run(() => WatchAsync(path, done.Token), TestContext.Current.CancellationToken);
            await Task.WhenAll(creators.Select(creator => creator.WriteLineAsync("go")));
            var exits = await Task.WhenAll(creators.Select(creator => creator.WaitForExitAsync()));
            await done.CancelAsync();

            Assert.All(exits, exit => Assert.True(exit.ExitCode == 0, $"a creator exited {exit.ExitCode}: {exit.Error}"));
            Assert.Empty(await watcher);
        }
        finally
        {
            creators.ForEach(creator => creator.Dispose());
        }

        using var store = TestStores.OpenWithKeyFile(path);
        foreach (var id in ids)
        {
            Assert.Equal($"asked by {id}", await store.FindAbortRequestAsync(RotationId.Parse(id), TestContext.Current.CancellationToken));
        }

        Assert.Equal(["state.db", "state.db.key"], Directory.GetFileSystemEntries(Path.GetDirectoryName(path)!).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    /// <summary>Opens the file to read, again and again, until told to stop: every refusal but "missing" is a file seen incomplete.</summary>
    private static async Task<List<string>> WatchAsync(string path, CancellationToken stop)
    {
        var refusals = new List<string>();
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var reader = LiteDbRotationStore.OpenReadOnly(new StoreOptions(path), TestStores.Time());
                await reader.ListAsync(TestContext.Current.CancellationToken);
            }
            catch (StoreException refused) when (!refused.Message.StartsWith($"no state file at {path}", StringComparison.Ordinal))
            {
                refusals.Add(refused.Message);
            }
            catch (StoreException)
            {
                // Not there yet.
            }
        }

        return refusals;
    }

    /// <summary>Reads in a loop until the writer is done; what it sees only ever moves forward.</summary>
    private static async Task<int> ReadUntilAsync(LiteDbRotationStore store, Task writer)
    {
        var reads = 0;
        var journalSeen = 0;
        var attemptsSeen = 0;
        while (!writer.IsCompleted || reads == 0)
        {
            var summary = Assert.Single(await store.ListAsync(TestContext.Current.CancellationToken));
            Assert.Equal(RotationState.Failed, summary.State);
            var rotation = await store.FindAsync(RotationId.Parse("rot-1"), TestContext.Current.CancellationToken);
            Assert.NotNull(rotation);
            var attempts = rotation.Steps.Sum(step => step.Attempts);
            Assert.True(attempts >= attemptsSeen, "a reader saw the rotation go back in time");
            attemptsSeen = attempts;
            var journal = await store.ReadJournalAsync(RotationId.Parse("rot-1"), TestContext.Current.CancellationToken);
            Assert.True(journal.Count >= journalSeen, "a reader saw the journal shrink");
            journalSeen = journal.Count;
            reads++;
        }

        return reads;
    }
}
