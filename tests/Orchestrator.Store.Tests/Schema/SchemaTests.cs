using LiteDB;
using Orchestrator.Core.Persistence;
using Orchestrator.Core.Rotations;
using Orchestrator.Store.Files;
using Orchestrator.Store.Schema;
using Orchestrator.Store.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.Store.Tests.Schema;

public sealed class SchemaTests
{
    [Fact]
    public void Open_NewerSchema_RefusesAskingForAnUpgrade()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("state.db");
        TestStores.Open(path).Dispose();
        using (var raw = Raw(path))
        {
            var meta = raw.GetCollection("meta").FindById("store");
            meta["schemaVersion"] = 3;
            raw.GetCollection("meta").Update(meta);
        }

        var error = Assert.Throws<StoreException>(() => TestStores.Open(path));

        Assert.Equal($"state file {path} was written by a newer orchestrator (schema 3); upgrade", error.Message);
    }

    [Fact]
    public async Task Open_SchemaZeroFile_MigratesInPlaceToCurrent()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("state.db");
        var rotation = TestRotations.Full("rot-1");
        using (var store = TestStores.Open(path))
        {
            await store.CreateAsync(rotation, [TestRotations.Entry("rot-1", 1)], TestContext.Current.CancellationToken);
            await store.CreateAsync(TestRotations.New("rot-2", TestRotations.Start.AddDays(1)), [], TestContext.Current.CancellationToken);
        }

        // Schema 0: no meta, rotation documents with the nested rotation only, a journal without its index.
        using (var raw = Raw(path))
        {
            raw.DropCollection("meta");
            var rotations = raw.GetCollection("rotations");
            foreach (var document in rotations.FindAll().ToList())
            {
                rotations.Update(new BsonDocument { ["_id"] = document["_id"], ["rotation"] = document["rotation"] });
            }

            raw.GetCollection("journal").DropIndex("rotationId");
        }

        using (var migrated = TestStores.Open(path))
        {
            Assert.Equal(["rot-2", "rot-1"], (await migrated.ListAsync(TestContext.Current.CancellationToken)).Select(summary => summary.Id.ToString()));
            Assert.Equal(RevealingJson.Of(rotation), RevealingJson.Of(await migrated.FindAsync(RotationId.Parse("rot-1"), TestContext.Current.CancellationToken)));
            Assert.Single(await migrated.ReadJournalAsync(RotationId.Parse("rot-1"), TestContext.Current.CancellationToken));
        }

        using var check = Raw(path);
        Assert.Equal(2, check.GetCollection("meta").FindById("store")["schemaVersion"].AsInt32);
        Assert.Contains(check.GetCollection("$indexes").FindAll(), index => index["collection"] == "journal" && index["name"] == "rotationId");
        Assert.Contains(check.GetCollection("$indexes").FindAll(), index => index["collection"] == "rotations" && index["name"] == "createdOrder");
        Assert.Equal("Failed", check.GetCollection("rotations").FindById("rot-1")["state"].AsString);
    }

    [Fact]
    public void Initialize_PendingMigrations_ApplyInVersionOrder()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("state.db");
        TestStores.Open(path).Dispose();
        // Listed out of order on purpose: the version each starts from decides.
        SchemaMigration[] migrations =
        [
            new(3, "second", database => Append(database, "from 3")),
            new(2, "first", database => Append(database, "from 2")),
        ];

        using (var raw = Raw(path))
        {
            StoreInitializer.Initialize(raw, StatePaths.For(path), TestStores.Key, migrations, currentVersion: 4);
            Assert.Equal(4, raw.GetCollection("meta").FindById("store")["schemaVersion"].AsInt32);
            Assert.Equal(["from 2", "from 3"], raw.GetCollection("trail").FindAll().Select(document => document["text"].AsString));
        }

        Assert.Contains("(schema 4); upgrade", Assert.Throws<StoreException>(() => TestStores.Open(path)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Initialize_MigrationFails_LeavesTheFileAtItsVersionWithNoPartialChange()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("state.db");
        TestStores.Open(path).Dispose();
        SchemaMigration[] migrations =
        [
            new(2, "works", database => Append(database, "from 2")),
            new(3, "breaks", _ => throw new InvalidOperationException("migration 3 failed")),
        ];

        using (var raw = Raw(path))
        {
            var error = Assert.Throws<InvalidOperationException>(
                () => StoreInitializer.Initialize(raw, StatePaths.For(path), TestStores.Key, migrations, currentVersion: 4));
            Assert.Equal("migration 3 failed", error.Message);
            Assert.Equal(2, raw.GetCollection("meta").FindById("store")["schemaVersion"].AsInt32);
            Assert.DoesNotContain("trail", raw.GetCollectionNames());
        }

        TestStores.Open(path).Dispose();
    }

    [Fact]
    public void Initialize_NoMigrationFromTheFilesVersion_Throws()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("state.db");
        TestStores.Open(path).Dispose();
        using var raw = Raw(path);

        var error = Assert.Throws<InvalidOperationException>(
            () => StoreInitializer.Initialize(raw, StatePaths.For(path), TestStores.Key, [], currentVersion: 3));

        Assert.Equal("no migration from schema 2", error.Message);
    }

    [Fact]
    public async Task Open_SchemaOneFile_IndexesTheRotationsByCreationTime()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("state.db");
        using (var store = TestStores.Open(path))
        {
            await store.CreateAsync(TestRotations.New("rot-old", TestRotations.Start), [], TestContext.Current.CancellationToken);
            await store.CreateAsync(TestRotations.New("rot-new", TestRotations.Start.AddMinutes(5)), [], TestContext.Current.CancellationToken);
        }

        // Schema 1: no creation order in the documents and no index on it.
        using (var raw = Raw(path))
        {
            var rotations = raw.GetCollection("rotations");
            rotations.DropIndex("createdOrder");
            foreach (var document in rotations.FindAll().ToList())
            {
                document.Remove("createdOrder");
                rotations.Update(document);
            }

            var meta = raw.GetCollection("meta").FindById("store");
            meta["schemaVersion"] = 1;
            raw.GetCollection("meta").Update(meta);
        }

        using (var migrated = TestStores.Open(path))
        {
            Assert.Equal("rot-new", (await migrated.FindNewestAsync(TestContext.Current.CancellationToken))?.Id.ToString());
        }

        using var check = Raw(path);
        Assert.Equal(2, check.GetCollection("meta").FindById("store")["schemaVersion"].AsInt32);
        Assert.Contains(check.GetCollection("$indexes").FindAll(), index => index["collection"] == "rotations" && index["name"] == "createdOrder");
        Assert.Equal(TestRotations.Start.AddMinutes(5).UtcTicks, check.GetCollection("rotations").FindById("rot-new")["createdOrder"].AsInt64);
    }

    private static LiteDatabase Raw(string path) => new($"Filename={path};Connection=shared");

    private static void Append(ILiteDatabase database, string text) =>
        database.GetCollection("trail").Insert(new BsonDocument { ["text"] = text });
}
