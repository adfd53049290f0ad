using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Orchestrator.Crypto.Authority;
using Orchestrator.Simulator.Audit;
using Orchestrator.Simulator.Controllers;
using Orchestrator.Simulator.Storage;
using Orchestrator.Simulator.Trust;

namespace Orchestrator.Simulator.Hosting;

/// <summary>
/// A running simulation: N regions, each a Kubernetes API endpoint with a Cassandra cluster under its operator,
/// each serving HTTPS under a serving CA of its own, and sharing one Cassandra CA, one trust checker, one audit log
/// and one kubeconfig.
/// </summary>
public sealed class Simulation : IAsyncDisposable
{
    private readonly DirectoryLock _directoryLock;
    private readonly JsonLinesFile _audit;
    private readonly JsonLinesFile _trustLog;
    private readonly JsonLinesFile? _requests;
    private readonly JsonLinesFile? _readiness;
    private readonly List<SimulatedRegion> _regions;

    private Simulation(SimulatorOptions options, DirectoryLock directoryLock, JsonLinesFile audit, JsonLinesFile trustLog, JsonLinesFile? requests, JsonLinesFile? readiness, TrustChecker trust, List<SimulatedRegion> regions, string token)
    {
        _directoryLock = directoryLock;
        _readiness = readiness;
        Options = options;
        _audit = audit;
        _trustLog = trustLog;
        _requests = requests;
        Trust = trust;
        _regions = regions;
        BearerToken = token;
    }

    public SimulatorOptions Options { get; }

    public IReadOnlyList<SimulatedRegion> Regions => _regions;

    public string BearerToken { get; }

    public string KubeconfigPath => Path.Combine(Options.Directory, "kubeconfig");

    public string SpecPath => Path.Combine(Options.Directory, "rotation.yaml");

    public string AuditPath => _audit.Path;

    public string TrustPath => _trustLog.Path;

    /// <summary>Where every request is recorded; null unless <see cref="SimulatorOptions.RecordRequests"/>.</summary>
    public string? RequestsPath => _requests?.Path;

    /// <summary>Where each pod's turning Ready is recorded; null unless <see cref="SimulatorOptions.RecordPodReadiness"/>.</summary>
    public string? ReadinessPath => _readiness?.Path;

    internal TrustChecker Trust { get; }

    public static async Task<Simulation> StartAsync(SimulatorOptions options, ILoggerFactory loggers, TimeProvider time, CancellationToken cancellationToken)
    {
        var problems = options.Problems().ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        Directory.CreateDirectory(options.Directory);

        // Before anything in the directory is written: another simulator's logs and kubeconfig stay as they are.
        var directoryLock = DirectoryLock.Acquire(options.Directory);
        try
        {
            return await StartLockedAsync(options, directoryLock, loggers, time, cancellationToken);
        }
        catch
        {
            directoryLock.Dispose();
            throw;
        }
    }

    private static async Task<Simulation> StartLockedAsync(SimulatorOptions options, DirectoryLock directoryLock, ILoggerFactory loggers, TimeProvider time, CancellationToken cancellationToken)
    {
        var auditPath = Path.Combine(options.Directory, "audit.jsonl");
        var trustPath = Path.Combine(options.Directory, "trust.jsonl");
        File.WriteAllText(auditPath, string.Empty);
        File.WriteAllText(trustPath, string.Empty);
        var audit = new JsonLinesFile(auditPath);
        var trustLog = new JsonLinesFile(trustPath);
        var requests = options.RecordRequests ? NewLog(options.Directory, "requests.jsonl") : null;
        var readiness = options.RecordPodReadiness ? NewLog(options.Directory, "pods.jsonl") : null;
        var trust = new TrustChecker(trustLog, time, loggers.CreateLogger("Simulator.Trust"));
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var ca = CertificateAuthorityGenerator.Generate(new CertificateAuthorityOptions(options.CaAlias, options.CaKeySize, options.CaValidityDays), time);
        var datacenters = Enumerable.Range(1, options.Datacenters).Select(number => $"dc{number}").ToList();
        var cluster = new CassandraClusterSpec(options.Cluster, options.Namespace, options.CaSecret, datacenters, options.PodsPerDatacenter);
        var regions = Enumerable.Range(1, options.Regions)
            .Select(number => new SimulatedRegion($"region{number}", cluster, options, time))
            .ToList();
        var simulation = new Simulation(options, directoryLock, audit, trustLog, requests, readiness, trust, regions, token);
        try
        {
            foreach (var region in regions)
            {
                region.Seed(ca);
                region.StartControllers(options, trust, time, loggers, readiness);
                await region.StartServerAsync(token, audit, requests, time, loggers, cancellationToken);
            }

            PrivateFile.WriteAllText(simulation.KubeconfigPath, SimulatorKubeconfig.Render(regions, token, options.Namespace));
            await File.WriteAllTextAsync(simulation.SpecPath, RotationSpecFile.Render(options, regions), cancellationToken);
            await simulation.WaitUntilSettledAsync(cancellationToken);
            return simulation;
        }
        catch
        {
            await simulation.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until every region's operator has acted on its CA Secret and every rollout is complete.</summary>
    public async Task WaitUntilSettledAsync(CancellationToken cancellationToken)
    {
        foreach (var region in _regions)
        {
            using var watcher = region.Store.Watch(ResourceTypes.StatefulSets, ObjectFilter.Everything, region.Store.CurrentResourceVersion);
            while (!region.Settled())
            {
                await watcher.Events.WaitToReadAsync(cancellationToken);
                while (watcher.Events.TryRead(out _))
                {
                }
            }
        }
    }

    /// <summary>A few lines per region saying what it serves: StatefulSets, pods and the CA Secret's entries.</summary>
    public IReadOnlyList<string> Describe()
    {
        var lines = new List<string>();
        foreach (var region in _regions)
        {
            lines.Add($"{region.Name} at {region.Server}");
            lines.AddRange(region.Describe().Select(line => "  " + line));
        }

        return lines;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var region in _regions)
        {
            await region.DisposeAsync();
        }

        _audit.Dispose();
        _trustLog.Dispose();
        _requests?.Dispose();
        _readiness?.Dispose();
        _directoryLock.Dispose();
    }

    private static JsonLinesFile NewLog(string directory, string name)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, string.Empty);
        return new JsonLinesFile(path);
    }
}
