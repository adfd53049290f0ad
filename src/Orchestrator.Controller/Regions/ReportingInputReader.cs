using Orchestrator.Controller.Metrics;
using Orchestrator.Controller.Resources;
using Orchestrator.Controller.Serving;

namespace Orchestrator.Controller.Regions;

/// <summary>Reads CaRotations as <paramref name="inner"/> does, their regions opened through a <see cref="ReportingConnector"/>.</summary>
internal sealed class ReportingInputReader(IRotationInputReader inner, CaExpiryBoard board, TimeProvider time) : IRotationInputReader
{
    public async Task<RotationInput> ReadAsync(CaRotation rotation, CancellationToken cancellationToken)
    {
        var input = await inner.ReadAsync(rotation, cancellationToken);
        return input with { Connector = new ReportingConnector(input.Connector, board, time) };
    }
}
