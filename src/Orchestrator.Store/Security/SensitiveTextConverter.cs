using System.Text.Json;
using System.Text.Json.Serialization;
using Orchestrator.Core.Security;

namespace Orchestrator.Store.Security;

/// <summary>Writes a <see cref="SensitiveText"/> as its AES-GCM ciphertext and reads it back; registered only in the store's serializer options.</summary>
internal sealed class SensitiveTextConverter(FieldCipher cipher) : JsonConverter<SensitiveText>
{
    public override SensitiveText Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var stored = reader.GetString() ?? throw new JsonException("an encrypted field is null");
        try
        {
            return new SensitiveText(cipher.Decrypt(stored));
        }
        catch (FormatException e)
        {
            throw new JsonException(e.Message, e);
        }
    }

    public override void Write(Utf8JsonWriter writer, SensitiveText value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStringValue(cipher.Encrypt(value.Reveal()));
    }
}
