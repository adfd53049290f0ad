using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Simulator.Hosting;
using Orchestrator.Testing;

namespace Orchestrator.Controller.Tests.Support;

/// <summary>A running simulation for a test class: one region, served over HTTPS, for kubectl to talk to.</summary>
public sealed class SimulationFixture : IAsyncLifetime
{
    private readonly TemporaryDirectory _directory = new();

    public Simulation Simulation { get; private set; } = null!;

    public string Directory => _directory.Path;

    public async ValueTask InitializeAsync()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var options = new SimulatorOptions { Directory = _directory.Path, Regions = 1 };
        Simulation = await Simulation.StartAsync(options, NullLoggerFactory.Instance, TimeProvider.System, cancel.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await Simulation.DisposeAsync();
        _directory.Dispose();
    }
}
