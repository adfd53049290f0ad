using System.Text.Json;
using System.Text.Json.Serialization;
using Orchestrator.Core.Security;

namespace Orchestrator.Store.Tests.Support;

/// <summary>
/// Every public member of an object as indented JSON, private keys shown: two objects with the same text hold the
/// same values, down to the last nested field.
/// </summary>
internal static class RevealingJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(), new RevealingConverter() },
    };

    public static string Of<T>(T value) => JsonSerializer.Serialize(value, Options);

    private sealed class RevealingConverter : JsonConverter<SensitiveText>
    {
        public override SensitiveText Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            new(reader.GetString()!);

        public override void Write(Utf8JsonWriter writer, SensitiveText value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.Reveal());
    }
}
