using Orchestrator.Controller.Resources;
using Orchestrator.Core.Cluster;
using Orchestrator.Core.Preflight;
using Orchestrator.Core.Specs;

namespace Orchestrator.Controller.Serving;

/// <summary>What the engine needs of a CaRotation: the spec as the spec file would say it, and how to reach its regions.</summary>
/// <param name="Preflight">Runs preflight over clusters made with <see cref="Connector"/> (a brought CA comes from a Secret, not files).</param>
public sealed record RotationInput(RotationSpec Spec, IClusterConnector Connector, Func<PreflightCheck, CancellationToken, Core.Leases.LeaseCheck, Task<PreflightReport>> Preflight);

/// <summary>Reads a CaRotation into <see cref="RotationInput"/>, its Secrets included; bad input is a SpecException.</summary>
public interface IRotationInputReader
{
    Task<RotationInput> ReadAsync(CaRotation rotation, CancellationToken cancellationToken);
}
