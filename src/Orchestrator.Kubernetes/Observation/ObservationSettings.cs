using Microsoft.Extensions.Logging;

namespace Orchestrator.Kubernetes.Observation;

/// <summary>What every watch loop of one region's observation shares.</summary>
internal sealed record ObservationSettings(string Region, TimeSpan SafetyRelist, TimeProvider TimeProvider, ILogger Logger);
