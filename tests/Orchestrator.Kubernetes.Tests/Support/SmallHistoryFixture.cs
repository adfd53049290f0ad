using Orchestrator.Simulator.Hosting;

namespace Orchestrator.Kubernetes.Tests.Support;

/// <summary>A simulation whose watch history holds only five changes per kind, so that a late watch gets 410 Expired.</summary>
public sealed class SmallHistoryFixture : SimulationFixture
{
    public const int History = 5;

    protected override SimulatorOptions Options(string directory) => base.Options(directory) with { WatchHistory = History };
}
