using System.Text.Json;
using System.Text.Json.Serialization;
using Orchestrator.Core.Rotations;
using Orchestrator.Core.Security;

namespace Orchestrator.Store.Documents;

/// <summary>
/// The JSON contract of stored rotations, journal entries and progress, for every store: one mapping, whatever keeps
/// the text. Each store says how a private key (<see cref="SensitiveText"/>) is written where it keeps it.
/// </summary>
public static class StoredRotationJson
{
    public static JsonSerializerOptions Options(JsonConverter<SensitiveText> privateKeys) => new(StoreJsonContext.Default.Options)
    {
        TypeInfoResolver = StoreJsonContext.Default,
        Converters = { privateKeys },
    };

    public static string Serialize(Rotation rotation, JsonSerializerOptions options) => JsonSerializer.Serialize(rotation, options);

    public static Rotation DeserializeRotation(string json, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize<Rotation>(json, options) ?? throw new JsonException("a stored rotation is null");

    public static string Serialize(JournalEntry entry, JsonSerializerOptions options) => JsonSerializer.Serialize(entry, options);

    public static JournalEntry DeserializeEntry(string json, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize<JournalEntry>(json, options) ?? throw new JsonException("a stored journal entry is null");

    public static string Serialize(WaitProgress progress, JsonSerializerOptions options) => JsonSerializer.Serialize(progress, options);

    public static WaitProgress DeserializeProgress(string json, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize<WaitProgress>(json, options) ?? throw new JsonException("a stored progress is null");
}
