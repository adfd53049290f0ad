using System.Net;
using System.Text;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orchestrator.Crypto;
using Orchestrator.Simulator.Api;
using Orchestrator.Simulator.Audit;
using Orchestrator.Simulator.Controllers;
using Orchestrator.Simulator.Faults;
using Orchestrator.Simulator.Storage;
using Orchestrator.Simulator.Trust;

namespace Orchestrator.Simulator.Hosting;

/// <summary>
/// One simulated Kubernetes cluster: its object store, its controllers (operator, StatefulSet controller, kubelet)
/// and its HTTPS API endpoint.
/// </summary>
public sealed class SimulatedRegion : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Controller> _controllers = [];
    private WebApplication? _server;
    private ServingCertificate? _certificate;

    internal SimulatedRegion(string name, CassandraClusterSpec cluster, SimulatorOptions options, TimeProvider time)
    {
        Name = name;
        Cluster = cluster;
        Store = new RegionStore(name, time, options.WatchHistory);
        Faults = new FaultInjector();
    }

    public string Name { get; }

    /// <summary>The endpoint's base address, e.g. <c>https://127.0.0.1:41234</c>.</summary>
    public Uri? Server { get; private set; }

    /// <summary>The PEM of the CA that signs this endpoint's serving certificate, and no other region's.</summary>
    public string ServingAuthorityPem => _certificate?.AuthorityPem ?? throw new InvalidOperationException($"{Name} is not serving yet");

    internal CassandraClusterSpec Cluster { get; }

    internal RegionStore Store { get; }

    internal FaultInjector Faults { get; }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_server is not null)
        {
            await _server.StopAsync(CancellationToken.None);
            await _server.DisposeAsync();
        }

        await Task.WhenAll(_controllers.Select(controller => controller.Completion));
        _certificate?.Dispose();
        _stopping.Dispose();
    }

    /// <summary>Creates what a user would have before any rotation: the namespace and the CA Secret.</summary>
    internal void Seed(PemKeyPair ca)
    {
        Store.Create(ResourceTypes.Namespaces, null, new V1Namespace { Metadata = new V1ObjectMeta { Name = Cluster.Namespace } });
        Store.Create(ResourceTypes.Namespaces, null, new V1Namespace { Metadata = new V1ObjectMeta { Name = "default" } });
        Store.Create(ResourceTypes.Secrets, Cluster.Namespace, new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = Cluster.CaSecret },
            Type = "Opaque",
            Data = new Dictionary<string, byte[]>
            {
                ["ca.crt"] = Encoding.UTF8.GetBytes(ca.CertificatePem),
                ["ca.key"] = Encoding.UTF8.GetBytes(ca.PrivateKeyPem),
            },
        });
    }

    internal void StartControllers(SimulatorOptions options, TrustChecker trust, TimeProvider time, ILoggerFactory loggers, JsonLinesFile? readinessLog = null)
    {
        _controllers.Add(new CassandraOperator(Cluster, Store, Faults, time, loggers.CreateLogger("Simulator.Operator")));
        _controllers.Add(new StatefulSetController(Store, time, loggers.CreateLogger("Simulator.StatefulSetController")));
        _controllers.Add(new Kubelet(Store, Faults, trust, options.PodRestartTime, options.PodTerminationTime, time, loggers.CreateLogger("Simulator.Kubelet"), readinessLog));
        foreach (var controller in _controllers)
        {
            controller.Start(_stopping.Token);
        }
    }

    internal async Task StartServerAsync(string token, JsonLinesFile audit, JsonLinesFile? requests, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        _certificate = ServingCertificate.Create(Name, time);
        var serving = _certificate.Server;
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(serving);
            });
        });
        _server = builder.Build();
        var endpoint = new RegionEndpoint(Name, Store, Faults, audit, token, time, requests);
        var handler = new RegionApiHandler(endpoint, loggers.CreateLogger("Simulator.Api"), _stopping.Token);
        _server.Run(handler.HandleAsync);
        await _server.StartAsync(cancellationToken);
        var address = _server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Server = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal));
    }

    internal IEnumerable<string> Describe()
    {
        var ca = Store.Get(ResourceTypes.Secrets, Cluster.Namespace, Cluster.CaSecret)?.As<V1Secret>();
        var entries = ca?.Data?.Keys.Order(StringComparer.Ordinal) ?? Enumerable.Empty<string>();
        yield return $"secret {Cluster.Namespace}/{Cluster.CaSecret}: {string.Join(", ", entries)}";
        foreach (var name in Cluster.StatefulSetNames)
        {
            var set = Store.Get(ResourceTypes.StatefulSets, Cluster.Namespace, name)?.As<V1StatefulSet>();
            yield return $"statefulset {Cluster.Namespace}/{name}: {set?.Status?.ReadyReplicas ?? 0}/{set?.Spec.Replicas ?? 0} ready, revision {set?.Status?.CurrentRevision}";
        }
    }

    /// <summary>Whether every StatefulSet of the cluster exists and has rolled out completely, every pod Ready.</summary>
    internal bool Settled()
    {
        var ca = Store.Get(ResourceTypes.Secrets, Cluster.Namespace, Cluster.CaSecret)?.As<V1Secret>();
        if (ca is null
            || ca.Metadata.Annotations.Find(OperatorChecksum.Annotation)
                != OperatorChecksum.Of(ca.Data))
        {
            return false;
        }

        foreach (var name in Cluster.StatefulSetNames)
        {
            var stored = Store.Get(ResourceTypes.StatefulSets, Cluster.Namespace, name);
            if (stored is null)
            {
                return false;
            }

            var set = stored.As<V1StatefulSet>();
            var status = set.Status;
            if (status is null
                || status.ObservedGeneration != set.Metadata.Generation
                || status.ReadyReplicas != set.Spec.Replicas
                || status.UpdatedReplicas != set.Spec.Replicas
                || status.Replicas != set.Spec.Replicas
                || status.CurrentRevision != status.UpdateRevision)
            {
                return false;
            }
        }

        return true;
    }
}
