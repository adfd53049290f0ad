using Orchestrator.Simulator.Audit;
using Orchestrator.Simulator.Faults;
using Orchestrator.Simulator.Storage;

namespace Orchestrator.Simulator.Api;

/// <summary>What one region's API endpoint serves from: its objects, its faults, the shared audit log and token.</summary>
/// <param name="RequestLog">Every request, reads included, when the simulation records them; otherwise null.</param>
internal sealed record RegionEndpoint(
    string Region,
    RegionStore Store,
    FaultInjector Faults,
    JsonLinesFile? AuditLog,
    string BearerToken,
    TimeProvider Time,
    JsonLinesFile? RequestLog = null);
