using System.Text.Json;
using System.Text.Json.Serialization;
using Orchestrator.Core.Security;

namespace Orchestrator.Controller.State;

/// <summary>
/// Writes a private key as it is: the controller keeps rotations in Secrets, which are the cluster's place for keys
/// (encrypted at rest where the cluster is set up so, readable only as RBAC allows); a key of its own would have
/// nowhere safer to live.
/// </summary>
internal sealed class PlainPrivateKeyConverter : JsonConverter<SensitiveText>
{
    public override SensitiveText Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(reader.GetString() ?? throw new JsonException("a stored private key is null"));

    public override void Write(Utf8JsonWriter writer, SensitiveText value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStringValue(value.Reveal());
    }
}
