using System.Globalization;
using LiteDB;
using Orchestrator.Core.Rotations;

namespace Orchestrator.Store.Documents;

/// <summary>
/// A rotation as stored: <c>_id</c>, <c>state</c>, <c>cluster</c>, <c>createdAt</c> and <c>updatedAt</c> first (what
/// <c>list</c> reads, without touching the rest), then <c>rotation</c>, the whole rotation as a nested document.
/// </summary>
internal sealed class RotationDocuments(DocumentSerializer serializer)
{
    public const string State = "state";
    public const string Cluster = "cluster";
    public const string CreatedAt = "createdAt";
    public const string UpdatedAt = "updatedAt";
    public const string Body = "rotation";

    /// <summary>Only these fields are read from each document; the nested rotation is skipped.</summary>
    public static readonly BsonExpression SummaryProjection = BsonExpression.Create($"{{ _id, {State}, {Cluster}, {CreatedAt}, {UpdatedAt} }}");

    public BsonDocument ToDocument(Rotation rotation)
    {
        ArgumentNullException.ThrowIfNull(rotation);
        return new BsonDocument
        {
            ["_id"] = rotation.Id,
            [State] = rotation.State.ToString(),
            [Cluster] = rotation.Cluster,
            [CreatedAt] = FormatTime(rotation.CreatedAt),
            [UpdatedAt] = FormatTime(rotation.UpdatedAt),
            [Body] = serializer.ToDocument(rotation),
        };
    }

    public Rotation ToRotation(BsonDocument document) => serializer.FromDocument<Rotation>(document[Body].AsDocument);

    public static RotationSummary ToSummary(BsonDocument projected) => new(
        projected["_id"].AsString,
        Enum.Parse<RotationState>(projected[State].AsString),
        projected[Cluster].AsString,
        ParseTime(projected[CreatedAt].AsString),
        ParseTime(projected[UpdatedAt].AsString));

    /// <summary>Round-trip text: exact to the tick and keeping the offset, unlike a BSON date (UTC milliseconds).</summary>
    public static string FormatTime(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTime(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
