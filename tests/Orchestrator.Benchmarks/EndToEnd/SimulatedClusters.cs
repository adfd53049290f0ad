using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Simulator.Hosting;

namespace Orchestrator.Benchmarks.EndToEnd;

/// <summary>
/// A simulation started in this process with every request and pod readiness recorded, and a spec for it whose
/// new CA alias and key size each run chooses.
/// </summary>
internal sealed class SimulatedClusters : IAsyncDisposable
{
    private SimulatedClusters(Simulation simulation, string directory)
    {
        Simulation = simulation;
        Directory = directory;
    }

    public Simulation Simulation { get; }

    public string Directory { get; }

    public string StatePath => Path.Combine(Directory, "state.db");

    public static async Task<SimulatedClusters> StartAsync(
        string directory,
        int regions,
        int datacenters,
        int pods,
        TimeSpan restart,
        TimeSpan termination,
        CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(directory);
        var options = new SimulatorOptions
        {
            Directory = directory,
            Regions = regions,
            Datacenters = datacenters,
            PodsPerDatacenter = pods,
            PodRestartTime = restart,
            PodTerminationTime = termination,
            RecordRequests = true,
            RecordPodReadiness = true,
        };
        var simulation = await Simulation.StartAsync(options, NullLoggerFactory.Instance, TimeProvider.System, cancellationToken);
        return new SimulatedClusters(simulation, directory);
    }

    /// <summary>Writes a spec for these regions asking for a new CA with this alias and key size; returns its path.</summary>
    public string WriteSpec(string alias, int keySize)
    {
        var text = new StringBuilder()
            .Append("cluster: ").Append(Simulation.Options.Cluster).Append('\n')
            .Append("namespace: ").Append(Simulation.Options.Namespace).Append('\n')
            .Append("caSecret: ").Append(Simulation.Options.CaSecret).Append('\n')
            .Append("newCa:\n  alias: ").Append(alias).Append("\n  keySize: ").Append(keySize).Append('\n')
            .Append("regions:\n");
        foreach (var region in Simulation.Regions)
        {
            text.Append("  - name: ").Append(region.Name).Append("\n    kubeconfig: ").Append(Simulation.KubeconfigPath)
                .Append("\n    context: ").Append(region.Name).Append('\n');
        }

        text.Append("rollout:\n  timeout: 10m\n");
        var path = Path.Combine(Directory, $"rotation-{alias}.yaml");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    public SimulatorRecords Records() => SimulatorRecords.Read(Simulation);

    public ValueTask DisposeAsync() => Simulation.DisposeAsync();
}
