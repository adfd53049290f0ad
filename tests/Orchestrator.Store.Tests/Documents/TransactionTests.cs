using Orchestrator.Core.Rotations;
using Orchestrator.Store.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.Store.Tests.Documents;

/// <summary>
/// The store writes the journal entries before the rotation in the same transaction, so a rotation write that fails
/// shows whether the entries already written are taken back with it.
/// </summary>
public sealed class TransactionTests
{
    [Fact]
    public async Task SaveAsync_RotationNotInTheStore_LeavesNoJournalEntries()
    {
        using var directory = new TemporaryDirectory();
        using var store = TestStores.Open(directory.File("state.db"));

        await Assert.ThrowsAsync<InvalidOperationException>(
            () => store.SaveAsync(TestRotations.New("ghost"), [TestRotations.Entry("ghost", 1)], TestContext.Current.CancellationToken));

        Assert.Empty(await store.ReadJournalAsync(RotationId.Parse("ghost"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task CreateAsync_DuplicateId_KeepsTheFirstRotationAndItsJournalOnly()
    {
        using var directory = new TemporaryDirectory();
        using var store = TestStores.Open(directory.File("state.db"));
        await store.CreateAsync(TestRotations.New("rot-1", cluster: "first"), [TestRotations.Entry("rot-1", 1)], TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.CreateAsync(
            TestRotations.New("rot-1", cluster: "second"), [TestRotations.Entry("rot-1", 2)], TestContext.Current.CancellationToken));

        Assert.Equal([1], (await store.ReadJournalAsync(RotationId.Parse("rot-1"), TestContext.Current.CancellationToken)).Select(entry => entry.Step));
        Assert.Equal("first", (await store.FindAsync(RotationId.Parse("rot-1"), TestContext.Current.CancellationToken))!.Cluster);
    }

    [Fact]
    public async Task SaveAsync_AfterAFailedTransaction_StillWorks()
    {
        // A transaction left open would keep LiteDB's cross-process mutex: the next operation would hang or fail.
        using var directory = new TemporaryDirectory();
        using var store = TestStores.Open(directory.File("state.db"));
        var rotation = TestRotations.New("rot-1");
        await store.CreateAsync(rotation, [], TestContext.Current.CancellationToken);
        await Assert.ThrowsAsync<InvalidOperationException>(
            () => store.SaveAsync(TestRotations.New("ghost"), [TestRotations.Entry("ghost", 1)], TestContext.Current.CancellationToken));

        rotation.State = RotationState.Running;
        await store.SaveAsync(rotation, [TestRotations.Entry("rot-1", 1)], TestContext.Current.CancellationToken);
        using var other = TestStores.Open(directory.File("state.db"));

        Assert.Equal(RotationState.Running, (await other.FindAsync(RotationId.Parse("rot-1"), TestContext.Current.CancellationToken))!.State);
    }
}
