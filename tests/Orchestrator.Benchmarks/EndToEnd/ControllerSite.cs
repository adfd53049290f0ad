using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Orchestrator.Controller.Resources;
using Orchestrator.Crypto.Authority;

namespace Orchestrator.Benchmarks.EndToEnd;

/// <summary>
/// Cassandra clusters of two regions each, each cluster a simulation of its own (its own CA, its own trust records).
/// The controller runs against the first cluster's region1, which holds the CaRotation CRD, the controller's
/// namespace, and one kubeconfig Secret per cluster.
/// </summary>
internal sealed class ControllerSite : IAsyncDisposable
{
    public const string Namespace = "orchestrator";

    private const string OwnContext = "region1";

    private ControllerSite(IReadOnlyList<SimulatedClusters> clusters, IKubernetes client)
    {
        Clusters = clusters;
        Client = client;
    }

    /// <summary>Cluster k (1-based) is <c>Clusters[k - 1]</c>.</summary>
    public IReadOnlyList<SimulatedClusters> Clusters { get; }

    /// <summary>A client of the controller's own cluster, as the runner (not the controller) uses it.</summary>
    public IKubernetes Client { get; }

    public static async Task<ControllerSite> StartAsync(string directory, int count, TimeSpan restart, TimeSpan termination, CancellationToken cancellationToken)
    {
        var clusters = new List<SimulatedClusters>();
        for (var cluster = 1; cluster <= count; cluster++)
        {
            clusters.Add(await SimulatedClusters.StartAsync(Path.Combine(directory, KubeconfigSecret(cluster)), 2, 1, 3, restart, termination, cancellationToken));
        }

        var client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(clusters[0].Simulation.KubeconfigPath, OwnContext));
        // Both of the controller's kinds, as the manifests install them: it watches schedules as well as rotations.
        foreach (var file in new[] { "crd-carotation.yaml", "crd-carotationschedule.yaml" })
        {
            var definition = KubernetesYaml.Deserialize<V1CustomResourceDefinition>(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "deploy", file), cancellationToken));
            await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(definition, cancellationToken: cancellationToken);
        }
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Namespace } }, cancellationToken: cancellationToken);
        for (var cluster = 1; cluster <= count; cluster++)
        {
            await client.CoreV1.CreateNamespacedSecretAsync(
                new V1Secret
                {
                    Metadata = new V1ObjectMeta { Name = KubeconfigSecret(cluster), NamespaceProperty = Namespace },
                    Data = new Dictionary<string, byte[]> { ["kubeconfig"] = await File.ReadAllBytesAsync(clusters[cluster - 1].Simulation.KubeconfigPath, cancellationToken) },
                },
                Namespace,
                cancellationToken: cancellationToken);
        }

        return new ControllerSite(clusters, client);
    }

    public ServeProcess StartReplica(OrchestratorCli cli) => ServeProcess.Start(cli, Clusters[0].Simulation.KubeconfigPath, OwnContext, Namespace);

    /// <summary>
    /// Generates a CA for cluster <paramref name="cluster"/> and puts it in a Secret beside the CaRotations, as a team
    /// that brings its own CA does; returns the Secret's name.
    /// </summary>
    public async Task<string> BringCaAsync(int cluster, CancellationToken cancellationToken)
    {
        var ca = CertificateAuthorityGenerator.Generate(new CertificateAuthorityOptions("ca2", 2048), TimeProvider.System);
        var name = string.Create(CultureInfo.InvariantCulture, $"cluster-{cluster:00}-new-ca");
        await Client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret
            {
                Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace },
                Type = "kubernetes.io/tls",
                Data = new Dictionary<string, byte[]> { ["tls.crt"] = Encoding.UTF8.GetBytes(ca.CertificatePem), ["tls.key"] = Encoding.UTF8.GetBytes(ca.PrivateKeyPem) },
            },
            Namespace,
            cancellationToken: cancellationToken);
        return name;
    }

    /// <summary>
    /// Creates the CaRotation of cluster <paramref name="cluster"/> (1-based) over its two regions: to the CA in Secret
    /// <paramref name="broughtCa"/>, or to one it generates (2048-bit) when that is null.
    /// </summary>
    public async Task CreateRotationAsync(string name, int cluster, CancellationToken cancellationToken, string? broughtCa = null)
    {
        var options = Clusters[cluster - 1].Simulation.Options;
        var rotation = new CaRotation
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace },
            Spec = new CaRotationSpec(
                options.Cluster,
                options.Namespace,
                options.CaSecret,
                ExtraCaKey: null,
                broughtCa is null ? new NewCaSource("ca2", 2048, ValidityDays: null, SecretRef: null) : new NewCaSource(null, null, null, new SecretNameReference(broughtCa)),
                [
                    new RegionSource("region1", null, "region1", new SecretKeyReference(KubeconfigSecret(cluster), "kubeconfig")),
                    new RegionSource("region2", null, "region2", new SecretKeyReference(KubeconfigSecret(cluster), "kubeconfig")),
                ],
                new RolloutSettings("10m"),
                Abort: null),
        };
        var body = JsonNode.Parse(JsonSerializer.Serialize(rotation, CaRotationJsonContext.Default.CaRotation))!;
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(body, CaRotationDefinition.Group, CaRotationDefinition.Version, Namespace, CaRotationDefinition.Plural, cancellationToken: cancellationToken);
    }

    public async Task<IReadOnlyList<CaRotation>> ListRotationsAsync(CancellationToken cancellationToken)
    {
        var list = (JsonElement)await Client.CustomObjects.ListNamespacedCustomObjectAsync(
            CaRotationDefinition.Group, CaRotationDefinition.Version, Namespace, CaRotationDefinition.Plural, cancellationToken: cancellationToken);
        return [.. list.GetProperty("items").EnumerateArray().Select(item => item.Deserialize(CaRotationJsonContext.Default.CaRotation)!)];
    }

    /// <summary>Who holds the controllers' Lease, if anyone.</summary>
    public async Task<string?> LeaderAsync(CancellationToken cancellationToken)
    {
        try
        {
            var lease = await Client.CoordinationV1.ReadNamespacedLeaseAsync("orchestrator-controller", Namespace, cancellationToken: cancellationToken);
            return lease.Spec?.HolderIdentity is { Length: > 0 } holder ? holder : null;
        }
        catch (k8s.Autorest.HttpOperationException missing) when (missing.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>What cluster <paramref name="cluster"/>'s simulation recorded, the controller's requests about its own objects left out.</summary>
    public SimulatorRecords ClusterRecords(int cluster)
    {
        var records = Clusters[cluster - 1].Records();
        IReadOnlyList<RecordLine> Theirs(IEnumerable<RecordLine> lines) => [.. lines.Where(line => line.Namespace != Namespace)];
        return records with { Audit = Theirs(records.Audit), Requests = Theirs(records.Requests) };
    }

    private static string KubeconfigSecret(int cluster) => string.Create(CultureInfo.InvariantCulture, $"cluster-{cluster:00}-kubeconfig");

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        foreach (var cluster in Clusters)
        {
            await cluster.DisposeAsync();
        }
    }
}
