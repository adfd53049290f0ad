using Orchestrator.Core.Rotations;
using Orchestrator.Store.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.Store.Tests.Locks;

/// <summary>
/// A run saving often while other commands read the same file: a real second process, and two stores of one
/// process on parallel threads.
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
        Assert.Equal(Saves, (await store.ReadJournalAsync("rot-1", TestContext.Current.CancellationToken)).Count);
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

        Assert.Equal(Enumerable.Range(1, Saves).Cast<int?>(), (await readerStore.ReadJournalAsync("rot-1", TestContext.Current.CancellationToken)).Select(entry => entry.Step));
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
            var rotation = await store.FindAsync("rot-1", TestContext.Current.CancellationToken);
            Assert.NotNull(rotation);
            var attempts = rotation.Steps.Sum(step => step.Attempts);
            Assert.True(attempts >= attemptsSeen, "a reader saw the rotation go back in time");
            attemptsSeen = attempts;
            var journal = await store.ReadJournalAsync("rot-1", TestContext.Current.CancellationToken);
            Assert.True(journal.Count >= journalSeen, "a reader saw the journal shrink");
            journalSeen = journal.Count;
            reads++;
        }

        return reads;
    }
}
