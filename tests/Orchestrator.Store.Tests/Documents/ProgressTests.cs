using Orchestrator.Core.Rotations;
using Orchestrator.Store.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.Store.Tests.Documents;

public sealed class ProgressTests
{
    private static readonly WaitProgress Halfway = new(
        "Rollout",
        [new StatefulSetCount("example-cluster-cassandra-dc1", 2, 3), new StatefulSetCount("example-cluster-cassandra-dc2", 0, 3)],
        "2 of 6 pods replaced and Ready; waiting for example-cluster-cassandra-dc1-0",
        TestRotations.Start.AddMinutes(5).AddTicks(7));

    [Fact]
    public async Task SaveProgressAsync_StepRunning_AnotherStoreOnTheFileSeesItOnTheStep()
    {
        using var directory = new TemporaryDirectory();
        using var runner = TestStores.Open(directory.File("state.db"));
        using var status = TestStores.Open(directory.File("state.db"));
        var rotation = await SavedWithRunningStepAsync(runner, "rot-1");
        var step = rotation.Steps[2];

        await runner.SaveProgressAsync(rotation.Id, step.Number, Halfway, TestContext.Current.CancellationToken);

        var found = await status.FindAsync(RotationId.Parse("rot-1"), TestContext.Current.CancellationToken);
        var newest = await status.FindNewestAsync(TestContext.Current.CancellationToken);
        Assert.Equal(Halfway.StatefulSets, found!.Steps[2].Progress!.StatefulSets);
        Assert.Equal(Halfway with { StatefulSets = [] }, found.Steps[2].Progress! with { StatefulSets = [] });
        Assert.Equal(Halfway.ObservedAt.Offset, found.Steps[2].Progress!.ObservedAt.Offset);
        Assert.Equal(Halfway.Diagnosis, newest!.Steps[2].Progress!.Diagnosis);
        Assert.All(found.Steps.Where(other => other.Number != step.Number), other => Assert.Null(other.Progress));
    }

    [Fact]
    public async Task SaveProgressAsync_NewerProgress_ReplacesTheOlder()
    {
        using var directory = new TemporaryDirectory();
        using var store = TestStores.Open(directory.File("state.db"));
        var rotation = await SavedWithRunningStepAsync(store, "rot-1");
        var later = Halfway with { WaitingFor = "Readiness", ObservedAt = Halfway.ObservedAt.AddSeconds(1) };

        await store.SaveProgressAsync(rotation.Id, 3, Halfway, TestContext.Current.CancellationToken);
        await store.SaveProgressAsync(rotation.Id, 3, later, TestContext.Current.CancellationToken);

        var found = await store.FindAsync(RotationId.Parse("rot-1"), TestContext.Current.CancellationToken);
        Assert.Equal("Readiness", found!.Steps[2].Progress!.WaitingFor);
        Assert.Equal(later.ObservedAt, found.Steps[2].Progress!.ObservedAt);
    }

    [Fact]
    public async Task SaveAsync_AfterProgressSavedApart_TheRotationsOwnProgressStands()
    {
        using var directory = new TemporaryDirectory();
        using var store = TestStores.Open(directory.File("state.db"));
        var rotation = await SavedWithRunningStepAsync(store, "rot-1");
        await store.SaveProgressAsync(rotation.Id, 3, Halfway, TestContext.Current.CancellationToken);
        // The wait ends: its step is saved succeeded with no progress, and the next one starts.
        rotation.Steps[2].Status = StepStatus.Succeeded;
        rotation.Steps[2].Progress = null;
        rotation.Steps[3].Status = StepStatus.Running;

        await store.SaveAsync(rotation, [], TestContext.Current.CancellationToken);

        var found = await store.FindAsync(RotationId.Parse("rot-1"), TestContext.Current.CancellationToken);
        Assert.All(found!.Steps, step => Assert.Null(step.Progress));
    }

    [Fact]
    public async Task FindAsync_ProgressOfAStepNoLongerRunning_IsNotShown()
    {
        using var directory = new TemporaryDirectory();
        using var store = TestStores.Open(directory.File("state.db"));
        var rotation = await SavedWithRunningStepAsync(store, "rot-1");

        // Step 2 is not running: progress for it (a run's last save racing its own end) is out of date.
        await store.SaveProgressAsync(rotation.Id, 2, Halfway, TestContext.Current.CancellationToken);

        var found = await store.FindAsync(RotationId.Parse("rot-1"), TestContext.Current.CancellationToken);
        Assert.All(found!.Steps, step => Assert.Null(step.Progress));
    }

    [Fact]
    public async Task SaveProgressAsync_OneRotation_LeavesTheOthersAlone()
    {
        using var directory = new TemporaryDirectory();
        using var store = TestStores.Open(directory.File("state.db"));
        await SavedWithRunningStepAsync(store, "rot-1");
        var other = await SavedWithRunningStepAsync(store, "rot-2");

        await store.SaveProgressAsync(RotationId.Parse("rot-1"), 3, Halfway, TestContext.Current.CancellationToken);

        var found = await store.FindAsync(other.Id, TestContext.Current.CancellationToken);
        Assert.All(found!.Steps, step => Assert.Null(step.Progress));
        Assert.NotNull((await store.FindAsync(RotationId.Parse("rot-1"), TestContext.Current.CancellationToken))!.Steps[2].Progress);
    }

    /// <summary>A rotation saved with step 3 (index 2) running.</summary>
    private static async Task<Rotation> SavedWithRunningStepAsync(LiteDbRotationStore store, string id)
    {
        var rotation = TestRotations.New(id);
        await store.CreateAsync(rotation, [], TestContext.Current.CancellationToken);
        rotation.State = RotationState.Running;
        rotation.Steps[0].Status = StepStatus.Succeeded;
        rotation.Steps[1].Status = StepStatus.Succeeded;
        rotation.Steps[2].Status = StepStatus.Running;
        await store.SaveAsync(rotation, [], TestContext.Current.CancellationToken);
        return rotation;
    }
}
