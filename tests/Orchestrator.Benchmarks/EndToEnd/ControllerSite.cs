using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Orchestrator.Controller.Resources;

namespace Orchestrator.Benchmarks.EndToEnd;

/// <summary>
/// Cassandra clusters that each span two sites, simulated as two simulations ("east" and "west") of one region per
/// cluster: cluster k is region k of each. The controller runs against east's region1, which holds the CaRotation
/// CRD, its namespace, and one kubeconfig Secret per site.
/// </summary>
internal sealed class ControllerSite : IAsyncDisposable
{
    public const string Namespace = "orchestrator";

    private const string OwnContext = "region1";

    private ControllerSite(SimulatedClusters east, SimulatedClusters west, IKubernetes client)
    {
        East = east;
        West = west;
        Client = client;
    }

    public SimulatedClusters East { get; }

    public SimulatedClusters West { get; }

    /// <summary>A client of the controller's own cluster, as the runner (not the controller) uses it.</summary>
    public IKubernetes Client { get; }

    public static async Task<ControllerSite> StartAsync(string directory, int clusters, TimeSpan restart, TimeSpan termination, CancellationToken cancellationToken)
    {
        var east = await SimulatedClusters.StartAsync(Path.Combine(directory, "east"), clusters, 1, 3, restart, termination, cancellationToken);
        var west = await SimulatedClusters.StartAsync(Path.Combine(directory, "west"), clusters, 1, 3, restart, termination, cancellationToken);
        var client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(east.Simulation.KubeconfigPath, OwnContext));
        var definition = KubernetesYaml.Deserialize<V1CustomResourceDefinition>(
            await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "deploy", "crd-carotation.yaml"), cancellationToken));
        await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(definition, cancellationToken: cancellationToken);
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Namespace } }, cancellationToken: cancellationToken);
        foreach (var (name, site) in new[] { ("east", east), ("west", west) })
        {
            await client.CoreV1.CreateNamespacedSecretAsync(
                new V1Secret
                {
                    Metadata = new V1ObjectMeta { Name = $"{name}-kubeconfig", NamespaceProperty = Namespace },
                    Data = new Dictionary<string, byte[]> { ["kubeconfig"] = await File.ReadAllBytesAsync(site.Simulation.KubeconfigPath, cancellationToken) },
                },
                Namespace,
                cancellationToken: cancellationToken);
        }

        return new ControllerSite(east, west, client);
    }

    public ServeProcess StartReplica(OrchestratorCli cli) => ServeProcess.Start(cli, East.Simulation.KubeconfigPath, OwnContext, Namespace);

    /// <summary>Creates the CaRotation of cluster <paramref name="cluster"/> (1-based) over its two sites.</summary>
    public async Task CreateRotationAsync(string name, int cluster, CancellationToken cancellationToken)
    {
        var options = East.Simulation.Options;
        var rotation = new CaRotation
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace },
            Spec = new CaRotationSpec(
                options.Cluster,
                options.Namespace,
                options.CaSecret,
                ExtraCaKey: null,
                new NewCaSource("ca2", 2048, ValidityDays: null, SecretRef: null),
                [
                    new RegionSource("east", null, $"region{cluster}", new SecretKeyReference("east-kubeconfig", "kubeconfig")),
                    new RegionSource("west", null, $"region{cluster}", new SecretKeyReference("west-kubeconfig", "kubeconfig")),
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

    /// <summary>
    /// Both sites' records of one cluster (region <paramref name="cluster"/> of each), its regions named as the
    /// CaRotation names them; the controller's requests about its own objects (namespace <see cref="Namespace"/>) left out.
    /// </summary>
    public static SimulatorRecords ClusterRecords(SimulatorRecords east, SimulatorRecords west, int cluster)
    {
        var region = $"region{cluster}";
        IReadOnlyList<RecordLine> Merge(IEnumerable<RecordLine> eastLines, IEnumerable<RecordLine> westLines) =>
        [
            .. eastLines.Where(line => line.Region == region && line.Namespace != Namespace).Select(line => line with { Region = "east" })
                .Concat(westLines.Where(line => line.Region == region && line.Namespace != Namespace).Select(line => line with { Region = "west" }))
                .OrderBy(line => line.Time),
        ];
        return new SimulatorRecords(Merge(east.Audit, west.Audit), Merge(east.Requests, west.Requests), Merge(east.Ready, west.Ready), east.TrustViolations + west.TrustViolations);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await West.DisposeAsync();
        await East.DisposeAsync();
    }
}
