using System.Security.Cryptography.X509Certificates;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Simulator.Hosting;

using Orchestrator.Testing;

namespace Orchestrator.Simulator.Tests.Support;

/// <summary>
/// A running simulation for a test class: two regions of three fast-restarting pods, served over HTTPS.
/// </summary>
public class SimulationFixture : IAsyncLifetime
{
    private readonly TemporaryDirectory _directory = new();

    public Simulation Simulation { get; private set; } = null!;

    public string Directory => _directory.Path;

    protected virtual SimulatorOptions Options(string directory) => new()
    {
        Directory = directory,
        Regions = 2,
        PodsPerDatacenter = 3,
        PodRestartTime = TimeSpan.FromMilliseconds(40),
        PodTerminationTime = TimeSpan.FromMilliseconds(10),
    };

    public async ValueTask InitializeAsync()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        Simulation = await Simulation.StartAsync(Options(_directory.Path), NullLoggerFactory.Instance, TimeProvider.System, cancel.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await Simulation.DisposeAsync();
        _directory.Dispose();
        GC.SuppressFinalize(this);
    }

    public Kubernetes Client(string region = "region1") =>
        new(KubernetesClientConfiguration.BuildConfigFromConfigFile(Simulation.KubeconfigPath, currentContext: region));

    /// <summary>A plain HTTPS client that trusts the region's serving CA, with or without the bearer token.</summary>
    public HttpClient Http(string region = "region1", bool authenticated = true)
    {
        var endpoint = Simulation.Regions.Single(r => r.Name == region);
        var authority = X509Certificate2.CreateFromPem(endpoint.ServingAuthorityPem);
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(authority);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return certificate is not null && chain.Build(certificate);
            },
        };
        var client = new HttpClient(handler) { BaseAddress = endpoint.Server };
        if (authenticated)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Simulation.BearerToken);
        }

        return client;
    }

    internal Storage.RegionStore Store(string region = "region1") => Simulation.Regions.Single(r => r.Name == region).Store;
}
