using System.Text.Json;
using System.Text.Json.Serialization;
using LiteDB;
using Orchestrator.Store.Security;
using JsonSerializer = System.Text.Json.JsonSerializer;

namespace Orchestrator.Store.Documents;

/// <summary>
/// The store's System.Text.Json settings: camelCase names, enums as names, private keys encrypted, and strict
/// reading (a missing required member or a null where none is allowed is damage, not a default); the contracts come
/// from <see cref="StoreJsonContext"/>.
/// </summary>
internal sealed class DocumentSerializer
{
    private readonly JsonSerializerOptions _options;

    public DocumentSerializer(FieldCipher cipher)
    {
        // The shared contract, with private keys encrypted under this file's key.
        _options = StoredRotationJson.Options(new SensitiveTextConverter(cipher));
    }

    /// <summary>The value as a document, read by LiteDB's JSON reader: numbers become 32-bit integers where they fit, then 64-bit, then doubles.</summary>
    public BsonDocument ToDocument<T>(T value) => LiteDB.JsonSerializer.Deserialize(JsonSerializer.Serialize(value, _options)).AsDocument;

    public T FromDocument<T>(BsonDocument document) =>
        JsonSerializer.Deserialize<T>(BsonJson.ToUtf8Json(document), _options)
        ?? throw new JsonException($"a stored {typeof(T).Name} is null");
}
