using System.Text.Json.Serialization;
using Orchestrator.Core.Persistence;
using Orchestrator.Core.Rotations;

namespace Orchestrator.Store.Documents;

/// <summary>
/// The stored types' JSON contracts, generated at build time: a short-lived command such as <c>status</c> would
/// otherwise spend much of its life having System.Text.Json reflect over the rotation's type graph.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    // Computed members (Rotation.Cluster, StepRecord.Label, NewCaSpec.Generated) are derived, not stored.
    IgnoreReadOnlyProperties = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    UseStringEnumConverter = true,
    Converters = [typeof(RotationIdConverter)])]
[JsonSerializable(typeof(Rotation))]
[JsonSerializable(typeof(JournalEntry))]
[JsonSerializable(typeof(WaitProgress))]
internal sealed partial class StoreJsonContext : JsonSerializerContext;
