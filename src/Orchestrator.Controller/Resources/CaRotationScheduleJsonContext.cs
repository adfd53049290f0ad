using System.Text.Json.Serialization;

namespace Orchestrator.Controller.Resources;

/// <summary>CaRotationSchedules as the API server stores them: camelCase names, absent fields left out rather than null.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CaRotationSchedule))]
public sealed partial class CaRotationScheduleJsonContext : JsonSerializerContext;
