using System.Text.Json.Serialization;

namespace Orchestrator.Controller.Resources;

/// <summary>CaRotations as the API server stores them: camelCase names, absent fields left out rather than null.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CaRotation))]
public sealed partial class CaRotationJsonContext : JsonSerializerContext;
