using Orchestrator.Simulator.Hosting;

namespace Orchestrator.Simulator.Tests.Support;

/// <summary>One region of three fast pods that records every request and each pod's turning Ready.</summary>
public sealed class RecordingSimulationFixture : SimulationFixture
{
    protected override SimulatorOptions Options(string directory) => base.Options(directory) with
    {
        Regions = 1,
        RecordRequests = true,
        RecordPodReadiness = true,
    };
}
