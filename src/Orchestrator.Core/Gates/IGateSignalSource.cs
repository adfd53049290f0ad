using Orchestrator.Core.Rotations;

namespace Orchestrator.Core.Gates;

/// <summary>Where a run reads approvals and pause requests: the state file for the CLI, the CaRotation for the controller.</summary>
public interface IGateSignalSource
{
    Task<GateSignals> ReadAsync(RotationId id, CancellationToken cancellationToken);
}
