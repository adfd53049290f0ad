using LiteDB;
using Orchestrator.Core.Rotations;
using Orchestrator.Store.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.Store.Tests.Documents;

public sealed class RoundTripTests
{
    [Fact]
    public async Task FindAsync_FullRotation_ReturnsEveryFieldAsSaved()
    {
        using var directory = new TemporaryDirectory();
        var rotation = TestRotations.Full("rot-1");
        using (var store = TestStores.Open(directory.File("state.db")))
        {
            await store.CreateAsync(rotation, [], TestContext.Current.CancellationToken);
        }

        using var reopened = TestStores.Open(directory.File("state.db"));
        var found = await reopened.FindAsync(RotationId.Parse("rot-1"), TestContext.Current.CancellationToken);

        Assert.NotNull(found);
        Assert.Equal(RevealingJson.Of(rotation), RevealingJson.Of(found));
        // A few fields by name, so that a failure here reads without diffing JSON.
        Assert.Equal(TestRotations.PrivateKeyPem, found.OldCa!.PrivateKey.Reveal());
        Assert.Equal(rotation.CreatedAt, found.CreatedAt);
        Assert.Equal(rotation.CreatedAt.Offset, found.CreatedAt.Offset);
        Assert.Equal(TimeSpan.FromMinutes(42.5), found.Spec.RolloutTimeout);
        Assert.Null(found.Spec.Regions[1].Context);
        Assert.Null(found.Workflow.Phases[2].Extra);
        var write = found.Steps[3].Write!;
        Assert.Equal(7_000_000_004L, write.Baseline.StatefulSets[0].Generation);
        Assert.Null(write.Baseline.StatefulSets[1].UpdateRevision);
        Assert.Equal(["uid-4-a", "uid-4-b"], write.Baseline.PodUids);
        Assert.True(write.WrittenByThisStep);
    }

    [Fact]
    public async Task FindAsync_NewRotation_KeepsNullOptionalFields()
    {
        using var directory = new TemporaryDirectory();
        using var store = TestStores.Open(directory.File("state.db"));
        var rotation = TestRotations.New("rot-new");

        await store.CreateAsync(rotation, [], TestContext.Current.CancellationToken);
        var found = await store.FindAsync(RotationId.Parse("rot-new"), TestContext.Current.CancellationToken);

        Assert.Equal(RevealingJson.Of(rotation), RevealingJson.Of(found));
        Assert.Null(found!.NewCa);
        Assert.All(found.Steps, step => Assert.Null(step.Write));
    }

    [Fact]
    public async Task FindAsync_UnknownId_ReturnsNull()
    {
        using var directory = new TemporaryDirectory();
        using var store = TestStores.Open(directory.File("state.db"));

        Assert.Null(await store.FindAsync(RotationId.Parse("missing"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SaveAsync_ChangedRotation_ReplacesTheDocument()
    {
        using var directory = new TemporaryDirectory();
        using var store = TestStores.Open(directory.File("state.db"));
        var rotation = TestRotations.New("rot-1");
        await store.CreateAsync(rotation, [], TestContext.Current.CancellationToken);

        rotation.State = RotationState.Running;
        rotation.Steps[0].Status = StepStatus.Succeeded;
        rotation.NewCa = TestRotations.Ca("ca2", "new key");
        await store.SaveAsync(rotation, [], TestContext.Current.CancellationToken);

        var found = await store.FindAsync(RotationId.Parse("rot-1"), TestContext.Current.CancellationToken);
        Assert.Equal(RevealingJson.Of(rotation), RevealingJson.Of(found));
    }

    [Fact]
    public async Task CreateAsync_Rotation_StoresANestedBsonDocumentWithSummaryFieldsFirst()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("state.db");
        using (var store = TestStores.Open(path))
        {
            await store.CreateAsync(TestRotations.Full("rot-1"), [], TestContext.Current.CancellationToken);
        }

        using var database = new LiteDatabase($"Filename={path};Connection=shared");
        var document = database.GetCollection("rotations").FindById("rot-1");

        Assert.Equal(["_id", "state", "cluster", "createdAt", "updatedAt", "createdOrder", "rotation"], document.Keys);
        Assert.Equal(TestRotations.Full("rot-1").CreatedAt.UtcTicks, document["createdOrder"].AsInt64);
        Assert.Equal("Failed", document["state"].AsString);
        Assert.Equal("example-cluster", document["cluster"].AsString);
        var body = document["rotation"].AsDocument;
        Assert.True(body["spec"]["regions"].IsArray);
        Assert.Equal("region2", body["spec"]["regions"][1]["name"].AsString);
        Assert.Equal(BsonType.Int64, body["steps"][0]["write"]["baseline"]["statefulSets"][0]["generation"].Type);
        Assert.StartsWith("aesgcm1:", body["oldCa"]["privateKey"].AsString, StringComparison.Ordinal);
    }

    /// <summary>Ids are stored as the plain strings they always were, so that files written before read unchanged.</summary>
    [Fact]
    public async Task CreateAsync_Ids_StoredAsPlainStrings()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("state.db");
        using (var store = TestStores.Open(path))
        {
            await store.CreateAsync(TestRotations.New("rot-1"), [TestRotations.Entry("rot-1", 1)], TestContext.Current.CancellationToken);
            await store.RequestAbortAsync(RotationId.Parse("rot-1"), "test", TestContext.Current.CancellationToken);
        }

        using var database = new LiteDatabase($"Filename={path};Connection=shared");
        Assert.Equal("rot-1", database.GetCollection("rotations").FindById("rot-1")["rotation"]["id"].AsString);
        Assert.Equal("rot-1", database.GetCollection("journal").FindAll().Single()["rotationId"].AsString);
        Assert.Equal("test", database.GetCollection("abortRequests").FindById("rot-1")["reason"].AsString);
    }

    [Fact]
    public async Task CreateAsync_ExistingId_Throws()
    {
        using var directory = new TemporaryDirectory();
        using var store = TestStores.Open(directory.File("state.db"));
        await store.CreateAsync(TestRotations.New("rot-1"), [], TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => store.CreateAsync(TestRotations.New("rot-1"), [], TestContext.Current.CancellationToken));
        Assert.Contains("rot-1 already exists", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_IdsDifferingInCase_AreTwoRotations()
    {
        using var directory = new TemporaryDirectory();
        using var store = TestStores.Open(directory.File("state.db"));

        await store.CreateAsync(TestRotations.New("rot-a", cluster: "lower"), [TestRotations.Entry("rot-a", 1)], TestContext.Current.CancellationToken);
        await store.CreateAsync(TestRotations.New("ROT-A", cluster: "upper"), [TestRotations.Entry("ROT-A", 1)], TestContext.Current.CancellationToken);

        Assert.Equal("lower", (await store.FindAsync(RotationId.Parse("rot-a"), TestContext.Current.CancellationToken))!.Cluster);
        Assert.Equal("upper", (await store.FindAsync(RotationId.Parse("ROT-A"), TestContext.Current.CancellationToken))!.Cluster);
        Assert.Single(await store.ReadJournalAsync(RotationId.Parse("rot-a"), TestContext.Current.CancellationToken));
    }

    /// <summary>Every <see cref="RotationId"/> is fit to be a file name (see RotationIdTests); a missing one is refused here.</summary>
    [Fact]
    public async Task CreateAsync_RotationWithoutId_ThrowsAndStoresNothing()
    {
        using var directory = new TemporaryDirectory();
        using var store = TestStores.Open(directory.File("state.db"));
        var valid = TestRotations.New("rot-1");
        var nameless = new Rotation { Id = null!, Spec = valid.Spec, Workflow = valid.Workflow, Steps = valid.Steps, CreatedAt = valid.CreatedAt };

        await Assert.ThrowsAsync<ArgumentNullException>(() => store.CreateAsync(nameless, [], TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentNullException>(() => store.TryLockAsync(null!, "test", TestContext.Current.CancellationToken));
        Assert.Empty(await store.ListAsync(TestContext.Current.CancellationToken));
        Assert.False(Directory.Exists(directory.File("state.db.locks")));
    }

    [Fact]
    public async Task FindAsync_CanceledToken_ThrowsBeforeStarting()
    {
        using var directory = new TemporaryDirectory();
        using var store = TestStores.Open(directory.File("state.db"));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.FindAsync(RotationId.Parse("rot-1"), new CancellationToken(canceled: true)));
    }
}
