using Orchestrator.Controller.Resources;
using Orchestrator.Core.Gates;
using Orchestrator.Core.Rotations;

namespace Orchestrator.Controller.Serving;

/// <summary>
/// A CaRotation's approvals and pause requests: <c>spec.approvedStep</c> and <c>spec.paused</c> of the object as the
/// watch last delivered it, so that a run sees them at its next step boundary without asking the API server.
/// </summary>
internal sealed class ResourceGates(Func<CaRotation> current) : IGateSignalSource
{
    public static GateSignals SignalsOf(CaRotation resource) => new(resource.Spec.ApprovedStep, resource.Spec.Paused == true);

    public Task<GateSignals> ReadAsync(RotationId id, CancellationToken cancellationToken) => Task.FromResult(SignalsOf(current()));
}
