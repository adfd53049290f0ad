using Orchestrator.Core.Persistence;
using Orchestrator.Core.Rotations;
using Xunit;

namespace Orchestrator.Testing.StoreContract;

/// <summary>
/// What every <see cref="IRotationStore"/> must do, whatever keeps its data: each store's tests derive from this and
/// say how to open one. Two stores opened by <see cref="Open"/> in one test see the same data.
/// </summary>
public abstract class RotationStoreContract
{
    /// <summary>A store over this test's data; called more than once in a test, each store sees the others' writes.</summary>
    protected abstract Task<IRotationStore> OpenAsync();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_ThenFind_GivesTheRotationBackWhole()
    {
        using var store = await OpenAsync();
        var rotation = TestRotations.Full("rot-contract-full");
        await store.CreateAsync(rotation, [TestRotations.Entry("rot-contract-full", 1)], Token);

        using var other = await OpenAsync();
        var found = await other.FindAsync(rotation.Id, Token);

        Assert.NotNull(found);
        Assert.Equivalent(rotation, found, strict: true);
        Assert.Equal(rotation.NewCa!.PrivateKey.Reveal(), found.NewCa!.PrivateKey.Reveal());
    }

    [Fact]
    public async Task Create_TwiceWithOneId_Fails_KeepingTheFirst()
    {
        using var store = await OpenAsync();
        var first = TestRotations.New("rot-contract-twice");
        await store.CreateAsync(first, [], Token);

        var second = TestRotations.New("rot-contract-twice", cluster: "other-cluster");
        await Assert.ThrowsAnyAsync<Exception>(() => store.CreateAsync(second, [], Token));
        Assert.Equal("example-cluster", (await store.FindAsync(first.Id, Token))!.Cluster);
    }

    [Fact]
    public async Task Find_UnknownId_IsNull()
    {
        using var store = await OpenAsync();
        Assert.Null(await store.FindAsync(RotationId.Parse("rot-contract-absent"), Token));
    }

    [Fact]
    public async Task Save_ReplacesTheDocument_AndAppendsTheJournalInOrder()
    {
        using var store = await OpenAsync();
        var rotation = TestRotations.New("rot-contract-save");
        await store.CreateAsync(rotation, [TestRotations.Entry("rot-contract-save", 1)], Token);

        rotation.State = RotationState.Running;
        rotation.Steps[0].Status = StepStatus.Succeeded;
        await store.SaveAsync(rotation, [TestRotations.Entry("rot-contract-save", 2), TestRotations.Entry("rot-contract-save", 3)], Token);

        using var other = await OpenAsync();
        var found = await other.FindAsync(rotation.Id, Token);
        Assert.Equal(RotationState.Running, found!.State);
        Assert.Equal(StepStatus.Succeeded, found.Steps[0].Status);
        Assert.Equal([1, 2, 3], (await other.ReadJournalAsync(rotation.Id, Token)).Select(entry => entry.Step));
    }

    [Fact]
    public async Task Progress_ShowsOnTheRunningStep_UntilTheNextSave()
    {
        using var store = await OpenAsync();
        var rotation = TestRotations.New("rot-contract-progress");
        rotation.Steps[2].Status = StepStatus.Running;
        await store.CreateAsync(rotation, [], Token);
        var progress = new WaitProgress("Rollout", [new StatefulSetCount("example-cluster-cassandra-dc1", 1, 3)], "waiting for pod 1", TestRotations.Start);

        await store.SaveProgressAsync(rotation.Id, 3, progress, Token);
        using (var other = await OpenAsync())
        {
            Assert.Equivalent(progress, (await other.FindAsync(rotation.Id, Token))!.Steps[2].Progress, strict: true);
        }

        rotation.Steps[2].Status = StepStatus.Succeeded;
        await store.SaveAsync(rotation, [], Token);
        using var later = await OpenAsync();
        Assert.Null((await later.FindAsync(rotation.Id, Token))!.Steps[2].Progress);
    }

    [Fact]
    public async Task List_NewestFirst_AndFindNewest_GivesTheFirst()
    {
        using var store = await OpenAsync();
        await store.CreateAsync(TestRotations.New("rot-contract-older", TestRotations.Start), [], Token);
        await store.CreateAsync(TestRotations.New("rot-contract-newer", TestRotations.Start.AddHours(1)), [], Token);
        await store.CreateAsync(TestRotations.New("rot-contract-b-tied", TestRotations.Start.AddMinutes(30)), [], Token);
        await store.CreateAsync(TestRotations.New("rot-contract-a-tied", TestRotations.Start.AddMinutes(30)), [], Token);

        var listed = await store.ListAsync(Token);

        // Rotations made at the same moment come in the order of their ids.
        Assert.Equal(["rot-contract-newer", "rot-contract-a-tied", "rot-contract-b-tied", "rot-contract-older"], listed.Select(summary => summary.Id.ToString()));
        Assert.Equal("rot-contract-newer", (await store.FindNewestAsync(Token))!.Id.ToString());
    }

    [Fact]
    public async Task AbortRequest_IsSeen_AndClearedOnce()
    {
        using var store = await OpenAsync();
        var rotation = TestRotations.New("rot-contract-abort");
        await store.CreateAsync(rotation, [], Token);
        Assert.Null(await store.FindAbortRequestAsync(rotation.Id, Token));

        await store.RequestAbortAsync(rotation.Id, "requested by a test", Token);
        Assert.Equal("requested by a test", await store.FindAbortRequestAsync(rotation.Id, Token));

        // The running process's own saves do not overwrite the request.
        rotation.State = RotationState.Running;
        await store.SaveAsync(rotation, [], Token);
        Assert.Equal("requested by a test", await store.FindAbortRequestAsync(rotation.Id, Token));

        await store.ClearAbortRequestAsync(rotation.Id, Token);
        Assert.Null(await store.FindAbortRequestAsync(rotation.Id, Token));
    }

    [Fact]
    public async Task RunLock_IsHeldUntilReleased_AndNamesItsHolder()
    {
        using var store = await OpenAsync();
        var id = RotationId.Parse("rot-contract-lock");
        await store.CreateAsync(TestRotations.New(id.ToString()), [], Token);

        await using (var held = await store.TryLockAsync(id, "first runner", Token))
        {
            Assert.True(held.Acquired);
            var refused = await store.TryLockAsync(id, "second runner", Token);
            Assert.False(refused.Acquired);
            Assert.Contains("first runner", refused.Holder, StringComparison.Ordinal);
        }

        await using var again = await store.TryLockAsync(id, "second runner", Token);
        Assert.True(again.Acquired);
    }
}
