using System.Text;
using System.Text.Json.Nodes;
using k8s.Models;
using Orchestrator.Simulator.Faults;
using Orchestrator.Simulator.Hosting;
using Orchestrator.Simulator.Storage;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests.Support;

/// <summary>
/// Simulated regions in the test process, for the orchestrator (a real child process) to rotate over HTTPS; the
/// test reads the simulator's own records (audit, trust, objects) to judge what the orchestrator did.
/// </summary>
internal sealed class SimulatedClusters : IAsyncDisposable
{
    public const string Namespace = "anton";
    public const string CaSecret = "example-cluster-manual-tls-ca";

    private readonly TemporaryDirectory _directory;

    private SimulatedClusters(TemporaryDirectory directory, Simulation simulation, SimulatorLog log)
    {
        _directory = directory;
        Simulation = simulation;
        Log = log;
    }

    public Simulation Simulation { get; }

    /// <summary>What the simulated regions logged, such as every injected failure.</summary>
    public SimulatorLog Log { get; }

    public string Directory => _directory.Path;

    public string StatePath => _directory.File("state.db");

    public static async Task<SimulatedClusters> StartAsync(int regions, int datacenters = 1, int pods = 3, int caValidityDays = 3650)
    {
        var directory = new TemporaryDirectory();
        var log = new SimulatorLog();
        var simulation = await Simulation.StartAsync(
            new SimulatorOptions
            {
                Directory = directory.Path,
                Regions = regions,
                Datacenters = datacenters,
                PodsPerDatacenter = pods,
                CaValidityDays = caValidityDays,
                PodRestartTime = TimeSpan.FromMilliseconds(40),
                PodTerminationTime = TimeSpan.FromMilliseconds(10),
            },
            log,
            TimeProvider.System,
            TestContext.Current.CancellationToken);
        return new SimulatedClusters(directory, simulation, log);
    }

    public RegionStore Store(string region) => Simulation.Regions.Single(candidate => candidate.Name == region).Store;

    public FaultInjector Faults(string region) => Simulation.Regions.Single(candidate => candidate.Name == region).Faults;

    public IEnumerable<string> RegionNames => Simulation.Regions.Select(region => region.Name);

    /// <summary>A spec for these regions; the new CA is 2048-bit to keep the tests quick.</summary>
    public string WriteSpec(string name = "rotation.yaml", string alias = "ca2", string timeout = "2m", string extra = "", string? newCa = null) =>
        _directory.Write(name, SpecText(RegionNames, alias, timeout, extra, newCa));

    /// <summary>The text of <see cref="WriteSpec"/> for the regions named, each reached through <c>./kubeconfig</c>.</summary>
    public static string SpecText(IEnumerable<string> regions, string alias = "ca2", string timeout = "2m", string extra = "", string? newCa = null)
    {
        var text = new StringBuilder()
            .Append("cluster: example-cluster\nnamespace: anton\ncaSecret: ").Append(CaSecret).Append('\n')
            .Append(newCa ?? $"newCa:\n  alias: {alias}\n  keySize: 2048\n")
            .Append("regions:\n");
        foreach (var region in regions)
        {
            text.Append("  - name: ").Append(region).Append("\n    kubeconfig: ./kubeconfig\n    context: ").Append(region).Append('\n');
        }

        return text.Append("rollout:\n  timeout: ").Append(timeout).Append('\n').Append(extra).ToString();
    }

    public Dictionary<string, string> SecretData(string region) =>
        Store(region).Get(ResourceTypes.Secrets, Namespace, CaSecret)!.As<V1Secret>().Data
            .ToDictionary(entry => entry.Key, entry => Encoding.UTF8.GetString(entry.Value));

    public List<JsonNode> AuditLines() => ReadLines(Simulation.AuditPath);

    public List<JsonNode> TrustLines() => ReadLines(Simulation.TrustPath);

    /// <summary>The mutating requests this orchestrator (not the test, not kubectl) sent.</summary>
    public List<JsonNode> OrchestratorWrites() =>
        AuditLines().Where(line => line["userAgent"]!.GetValue<string>().StartsWith("orchestrator", StringComparison.Ordinal)).ToList();

    /// <summary>The orchestrator's writes to the cluster's own objects: everything but its Leases.</summary>
    public List<JsonNode> ClusterWrites() =>
        OrchestratorWrites().Where(line => line["resource"]!.GetValue<string>() != "leases").ToList();

    /// <summary>The orchestrator's updates of the CA Secret (any code), in the order the regions answered them.</summary>
    public List<JsonNode> SecretUpdates() =>
        OrchestratorWrites().Where(line => line["resource"]!.GetValue<string>() == "secrets" && line["verb"]!.GetValue<string>() == "update").ToList();

    /// <summary>Changes the region's CA Secret as someone else (kubectl edit, another tool) would.</summary>
    public void ChangeSecret(string region, Action<IDictionary<string, byte[]>> change) =>
        Store(region).Modify(ResourceTypes.Secrets, Namespace, CaSecret, existing =>
        {
            var secret = existing.As<V1Secret>();
            change(secret.Data);
            return secret;
        });

    /// <summary>What <c>orchestrator status --output json</c> says about the newest rotation in this state file.</summary>
    public async Task<JsonNode> StatusAsync()
    {
        var status = await OrchestratorProcess.RunAsync(["status", "--state", StatePath, "--output", "json"]);
        Assert.True(status.ExitCode == 0, status.ToString());
        return JsonNode.Parse(status.Output)!;
    }

    public async ValueTask DisposeAsync()
    {
        await Simulation.DisposeAsync();
        _directory.Dispose();
    }

    private static List<JsonNode> ReadLines(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!).ToList();
    }
}
