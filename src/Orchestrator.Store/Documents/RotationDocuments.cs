using System.Globalization;
using LiteDB;
using Orchestrator.Core.Rotations;

namespace Orchestrator.Store.Documents;

/// <summary>
/// A rotation as stored: <c>_id</c>, <c>state</c>, <c>cluster</c>, <c>createdAt</c> and <c>updatedAt</c> first (what
/// <c>list</c> reads, without touching the rest), <c>createdOrder</c> (the creation time as UTC ticks, indexed, so
/// that the newest is found without reading every rotation), then <c>rotation</c>, the whole rotation as a nested
/// document.
/// </summary>
internal sealed class RotationDocuments(DocumentSerializer serializer)
{
    public const string State = "state";
    public const string Cluster = "cluster";
    public const string CreatedAt = "createdAt";
    public const string UpdatedAt = "updatedAt";
    public const string CreatedOrder = "createdOrder";
    public const string Body = "rotation";

    /// <summary>Only these fields are read from each document; the nested rotation is skipped.</summary>
    public static readonly BsonExpression SummaryProjection = BsonExpression.Create($"{{ _id, {State}, {Cluster}, {CreatedAt}, {UpdatedAt} }}");

    public static readonly BsonExpression IdProjection = BsonExpression.Create("{ _id }");

    public static readonly BsonExpression StateProjection = BsonExpression.Create($"{{ {State} }}");

    public BsonDocument ToDocument(Rotation rotation)
    {
        ArgumentNullException.ThrowIfNull(rotation);
        return new BsonDocument
        {
            ["_id"] = rotation.Id.ToString(),
            [State] = rotation.State.ToString(),
            [Cluster] = rotation.Cluster,
            [CreatedAt] = FormatTime(rotation.CreatedAt),
            [UpdatedAt] = FormatTime(rotation.UpdatedAt),
            [CreatedOrder] = OrderOf(rotation.CreatedAt),
            [Body] = serializer.ToDocument(rotation),
        };
    }

    public Rotation ToRotation(BsonDocument document) => serializer.FromDocument<Rotation>(document[Body].AsDocument);

    public static RotationSummary ToSummary(BsonDocument projected) => new(
        RotationIdConverter.FromStored(projected["_id"].AsString),
        Enum.Parse<RotationState>(projected[State].AsString),
        projected[Cluster].AsString,
        ParseTime(projected[CreatedAt].AsString),
        ParseTime(projected[UpdatedAt].AsString));

    /// <summary>Sorts as the instants do, whatever offset each time was written with (its text does not).</summary>
    public static long OrderOf(DateTimeOffset time) => time.UtcTicks;

    /// <summary>Round-trip text: exact to the tick and keeping the offset, unlike a BSON date (UTC milliseconds).</summary>
    public static string FormatTime(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTime(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
