using Orchestrator.Core.Rotations;
using Orchestrator.Store.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.Store.Tests.Documents;

public sealed class JournalTests
{
    [Fact]
    public async Task ReadJournalAsync_EntriesOverSeveralSaves_ReturnsThemInWriteOrder()
    {
        using var directory = new TemporaryDirectory();
        using var store = TestStores.Open(directory.File("state.db"));
        var rotation = TestRotations.New("rot-1");
        await store.CreateAsync(rotation, [TestRotations.Entry("rot-1", 1), TestRotations.Entry("rot-1", 2)], TestContext.Current.CancellationToken);
        // Times out of order: the journal keeps the order of writing, not of the times inside.
        await store.SaveAsync(rotation, [TestRotations.Entry("rot-1", 3, TestRotations.Start.AddDays(-1))], TestContext.Current.CancellationToken);
        await store.SaveAsync(rotation, [TestRotations.Entry("rot-1", 4), TestRotations.Entry("rot-1", 5)], TestContext.Current.CancellationToken);

        var journal = await store.ReadJournalAsync(RotationId.Parse("rot-1"), TestContext.Current.CancellationToken);

        Assert.Equal([1, 2, 3, 4, 5], journal.Select(entry => entry.Step));
    }

    [Fact]
    public async Task ReadJournalAsync_TwoRotations_ReturnsOnlyTheAskedOnes()
    {
        using var directory = new TemporaryDirectory();
        using var store = TestStores.Open(directory.File("state.db"));
        await store.CreateAsync(TestRotations.New("rot-1"), [TestRotations.Entry("rot-1", 1)], TestContext.Current.CancellationToken);
        await store.CreateAsync(TestRotations.New("rot-2"), [TestRotations.Entry("rot-2", 10)], TestContext.Current.CancellationToken);
        await store.SaveAsync(TestRotations.New("rot-1"), [TestRotations.Entry("rot-1", 2)], TestContext.Current.CancellationToken);

        Assert.Equal([1, 2], (await store.ReadJournalAsync(RotationId.Parse("rot-1"), TestContext.Current.CancellationToken)).Select(entry => entry.Step));
        Assert.Equal([10], (await store.ReadJournalAsync(RotationId.Parse("rot-2"), TestContext.Current.CancellationToken)).Select(entry => entry.Step));
        Assert.Empty(await store.ReadJournalAsync(RotationId.Parse("rot-3"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ReadJournalAsync_EntryWithEveryField_RoundTrips()
    {
        using var directory = new TemporaryDirectory();
        using var store = TestStores.Open(directory.File("state.db"));
        var entry = TestRotations.Entry("rot-1", 7);
        var bare = new JournalEntry { RotationId = RotationId.Parse("rot-1"), Time = TestRotations.Start, Kind = JournalEntryKind.Transition };

        await store.CreateAsync(TestRotations.New("rot-1"), [entry, bare], TestContext.Current.CancellationToken);
        var journal = await store.ReadJournalAsync(RotationId.Parse("rot-1"), TestContext.Current.CancellationToken);

        Assert.Equal([entry, bare], journal);
    }

    [Fact]
    public async Task SaveAsync_EntryOfAnotherRotation_Throws()
    {
        using var directory = new TemporaryDirectory();
        using var store = TestStores.Open(directory.File("state.db"));
        await store.CreateAsync(TestRotations.New("rot-1"), [], TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<ArgumentException>(
            () => store.SaveAsync(TestRotations.New("rot-1"), [TestRotations.Entry("rot-2", 1)], TestContext.Current.CancellationToken));
    }
}
