using LiteDB;
using Orchestrator.Core.Persistence;
using Orchestrator.Store.Documents;

namespace Orchestrator.Store.Schema;

/// <summary>
/// Every schema change, in order. Version 0 is the shape before the <c>meta</c> collection: rotation documents
/// holding only <c>_id</c> and the nested <c>rotation</c>, and a journal without its index.
/// </summary>
internal static class SchemaMigrations
{
    public const int CurrentVersion = 2;

    public static IReadOnlyList<SchemaMigration> All { get; } =
    [
        new(0, "lift the summary fields out of each rotation and index the journal by rotation", AddSummaryFields),
        new(1, "index the rotations by creation time", AddCreatedOrder),
    ];

    /// <summary>The indexes of a new, empty file, which starts at <see cref="CurrentVersion"/>.</summary>
    public static void CreateIndexes(ILiteDatabase database)
    {
        database.GetCollection(Collections.Journal).EnsureIndex(Collections.JournalRotationId);
        database.GetCollection(Collections.Rotations).EnsureIndex(RotationDocuments.CreatedOrder);
    }

    private static void AddSummaryFields(ILiteDatabase database)
    {
        var rotations = database.GetCollection(Collections.Rotations);
        foreach (var old in rotations.FindAll().ToList())
        {
            var body = old[RotationDocuments.Body];
            if (!body.IsDocument)
            {
                throw new StoreException($"rotation {old["_id"]} has no 'rotation' document; this is not an orchestrator state file of schema 0");
            }

            var rotation = body.AsDocument;
            rotations.Update(new BsonDocument
            {
                ["_id"] = old["_id"],
                [RotationDocuments.State] = Text(rotation["state"], "state"),
                [RotationDocuments.Cluster] = Text(rotation["spec"].IsDocument ? rotation["spec"]["cluster"] : BsonValue.Null, "spec.cluster"),
                [RotationDocuments.CreatedAt] = RotationDocuments.FormatTime(RotationDocuments.ParseTime(Text(rotation["createdAt"], "createdAt"))),
                [RotationDocuments.UpdatedAt] = RotationDocuments.FormatTime(RotationDocuments.ParseTime(Text(rotation["updatedAt"], "updatedAt"))),
                [RotationDocuments.Body] = rotation,
            });
        }

        database.GetCollection(Collections.Journal).EnsureIndex(Collections.JournalRotationId);
    }

    private static void AddCreatedOrder(ILiteDatabase database)
    {
        var rotations = database.GetCollection(Collections.Rotations);
        foreach (var document in rotations.FindAll().ToList())
        {
            document[RotationDocuments.CreatedOrder] = RotationDocuments.OrderOf(RotationDocuments.ParseTime(document[RotationDocuments.CreatedAt].AsString));
            rotations.Update(document);
        }

        rotations.EnsureIndex(RotationDocuments.CreatedOrder);
    }

    private static string Text(BsonValue value, string field) =>
        value.IsString ? value.AsString : throw new StoreException($"a schema-0 rotation lacks its text field '{field}'");
}
