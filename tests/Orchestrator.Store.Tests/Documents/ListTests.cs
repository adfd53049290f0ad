using Orchestrator.Core.Rotations;
using Orchestrator.Store.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.Store.Tests.Documents;

public sealed class ListTests
{
    [Fact]
    public async Task ListAsync_SeveralRotations_NewestCreatedFirst()
    {
        using var directory = new TemporaryDirectory();
        using var store = TestStores.Open(directory.File("state.db"));
        // Created out of order, and one in another offset that is later in absolute time despite its smaller clock.
        await store.CreateAsync(TestRotations.New("middle", TestRotations.Start.AddHours(1)), [], TestContext.Current.CancellationToken);
        await store.CreateAsync(TestRotations.New("oldest", TestRotations.Start), [], TestContext.Current.CancellationToken);
        await store.CreateAsync(TestRotations.New("newest", TestRotations.Start.AddHours(2).ToOffset(TimeSpan.FromHours(-8))), [], TestContext.Current.CancellationToken);

        var list = await store.ListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["newest", "middle", "oldest"], list.Select(summary => summary.Id.ToString()));
    }

    [Fact]
    public async Task ListAsync_SavedRotation_ShowsItsSummaryFields()
    {
        using var directory = new TemporaryDirectory();
        using var store = TestStores.Open(directory.File("state.db"));
        var rotation = TestRotations.New("rot-1", cluster: "payments");
        await store.CreateAsync(rotation, [], TestContext.Current.CancellationToken);
        rotation.State = RotationState.Running;
        rotation.UpdatedAt = TestRotations.Start.AddMinutes(3).AddTicks(5);
        await store.SaveAsync(rotation, [], TestContext.Current.CancellationToken);

        var summary = Assert.Single(await store.ListAsync(TestContext.Current.CancellationToken));

        Assert.Equal(new RotationSummary(RotationId.Parse("rot-1"), RotationState.Running, "payments", rotation.CreatedAt, rotation.UpdatedAt), summary);
        Assert.Equal(rotation.UpdatedAt.Offset, summary.UpdatedAt.Offset);
    }

    [Fact]
    public async Task ListAsync_EmptyStore_ReturnsNothing()
    {
        using var directory = new TemporaryDirectory();
        using var store = TestStores.Open(directory.File("state.db"));

        Assert.Empty(await store.ListAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task FindNewestAsync_TimesInSeveralOffsetsAndATie_IsTheRotationListShowsFirst()
    {
        using var directory = new TemporaryDirectory();
        using var store = TestStores.Open(directory.File("state.db"));
        // The tie is at the newest instant written in two offsets: by id, "b-tied" comes before "c-tied".
        var newest = TestRotations.Start.AddHours(2);
        await store.CreateAsync(TestRotations.New("a-older", TestRotations.Start.AddHours(1).ToOffset(TimeSpan.FromHours(9))), [], TestContext.Current.CancellationToken);
        await store.CreateAsync(TestRotations.New("c-tied", newest), [], TestContext.Current.CancellationToken);
        await store.CreateAsync(TestRotations.New("b-tied", newest.ToOffset(TimeSpan.FromHours(-8))), [], TestContext.Current.CancellationToken);
        await store.CreateAsync(TestRotations.New("d-oldest", TestRotations.Start), [], TestContext.Current.CancellationToken);

        var found = await store.FindNewestAsync(TestContext.Current.CancellationToken);

        Assert.Equal((await store.ListAsync(TestContext.Current.CancellationToken))[0].Id, found?.Id);
        Assert.Equal("b-tied", found?.Id.ToString());
        Assert.Equal(newest.ToOffset(TimeSpan.FromHours(-8)), found?.CreatedAt);
    }

    [Fact]
    public async Task FindNewestAsync_EmptyStore_ReturnsNull()
    {
        using var directory = new TemporaryDirectory();
        using var store = TestStores.Open(directory.File("state.db"));

        Assert.Null(await store.FindNewestAsync(TestContext.Current.CancellationToken));
    }
}
