using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Orchestrator.Cli.Tests.Support;
using Orchestrator.Controller.Resources;
using Orchestrator.Testing;

namespace Orchestrator.Cli.Tests.Controller;

/// <summary>
/// Two simulated regions with the CaRotation and CaRotationSchedule CRDs in region1, the cluster the controllers are
/// pointed at; the regions' kubeconfig in a Secret beside the CaRotations; and <c>orchestrator serve</c> replicas as
/// real child processes.
/// </summary>
internal sealed class ControllerSimulation : IAsyncDisposable
{
    /// <summary>Where the controllers run and keep their CaRotations, Lease, state and Events.</summary>
    public const string ControllerNamespace = "orchestrator";

    public const string KubeconfigSecret = "regions-kubeconfig";

    private readonly List<OrchestratorProcess> _replicas = [];

    private ControllerSimulation(SimulatedClusters clusters, IKubernetes client)
    {
        Clusters = clusters;
        Client = client;
    }

    public SimulatedClusters Clusters { get; }

    /// <summary>A client of region1 as the test (not the controller) uses it.</summary>
    public IKubernetes Client { get; }

    public IReadOnlyList<OrchestratorProcess> Replicas => _replicas;

    /// <param name="caValidityDays">How long the simulated CA is valid from now: a few days make it due for a schedule.</param>
    public static async Task<ControllerSimulation> StartAsync(int regions = 2, int caValidityDays = 3650)
    {
        var clusters = await SimulatedClusters.StartAsync(regions, caValidityDays: caValidityDays);
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(clusters.Simulation.KubeconfigPath, "region1");
        var client = new k8s.Kubernetes(config);
        var simulation = new ControllerSimulation(clusters, client);
        var cancellationToken = TestContext.Current.CancellationToken;
        foreach (var file in new[] { "crd-carotation.yaml", "crd-carotationschedule.yaml" })
        {
            var definition = KubernetesYaml.Deserialize<V1CustomResourceDefinition>(await File.ReadAllTextAsync(RepositoryFiles.PathOf("samples", "deploy", file), cancellationToken));
            await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(definition, cancellationToken: cancellationToken);
        }
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ControllerNamespace } }, cancellationToken: cancellationToken);
        await client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret
            {
                Metadata = new V1ObjectMeta { Name = KubeconfigSecret, NamespaceProperty = ControllerNamespace },
                Data = new Dictionary<string, byte[]> { ["kubeconfig"] = await File.ReadAllBytesAsync(clusters.Simulation.KubeconfigPath, cancellationToken) },
            },
            ControllerNamespace,
            cancellationToken: cancellationToken);
        return simulation;
    }

    /// <summary>A CaRotation of the simulated CA Secret over every region, each reached through the kubeconfig Secret.</summary>
    public CaRotation Rotation(string name, string timeout = "2m", bool abort = false) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ControllerNamespace },
        Spec = new CaRotationSpec(
            Cluster: "example-cluster",
            Namespace: SimulatedClusters.Namespace,
            CaSecret: SimulatedClusters.CaSecret,
            ExtraCaKey: null,
            NewCa: new NewCaSource(Alias: "ca2", KeySize: 2048, ValidityDays: null, SecretRef: null),
            Regions: [.. Clusters.RegionNames.Select(region => new RegionSource(region, null, region, new SecretKeyReference(KubeconfigSecret, "kubeconfig")))],
            Rollout: new RolloutSettings(timeout),
            Abort: abort ? true : null),
    };

    public async Task CreateAsync(CaRotation rotation)
    {
        var body = JsonNode.Parse(JsonSerializer.Serialize(rotation, CaRotationJsonContext.Default.CaRotation))!;
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(
            body, CaRotationDefinition.Group, CaRotationDefinition.Version, ControllerNamespace, CaRotationDefinition.Plural, cancellationToken: TestContext.Current.CancellationToken);
    }

    public async Task<CaRotation?> FindAsync(string name)
    {
        try
        {
            var found = await Client.CustomObjects.GetNamespacedCustomObjectAsync(
                CaRotationDefinition.Group, CaRotationDefinition.Version, ControllerNamespace, CaRotationDefinition.Plural, name, TestContext.Current.CancellationToken);
            return ((JsonElement)found).Deserialize(CaRotationJsonContext.Default.CaRotation);
        }
        catch (k8s.Autorest.HttpOperationException missing) when (missing.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Merges a patch into the CaRotation, as <c>kubectl patch --type merge</c> does.</summary>
    public async Task PatchAsync(string name, string mergePatch) =>
        await Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(mergePatch, V1Patch.PatchType.MergePatch), CaRotationDefinition.Group, CaRotationDefinition.Version, ControllerNamespace, CaRotationDefinition.Plural, name, cancellationToken: TestContext.Current.CancellationToken);

    public async Task DeleteAsync(string name) =>
        await Client.CustomObjects.DeleteNamespacedCustomObjectAsync(
            CaRotationDefinition.Group, CaRotationDefinition.Version, ControllerNamespace, CaRotationDefinition.Plural, name, cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>Waits until the CaRotation's status satisfies <paramref name="done"/>, and returns it.</summary>
    public async Task<CaRotation> WaitForAsync(string name, Func<CaRotation, bool> done, TimeSpan timeout, string what)
    {
        CaRotation? last = null;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            last = await FindAsync(name);
            if (last is not null && done(last))
            {
                return last;
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"CaRotation {name}: not {what} within {timeout}; last status: {(last?.Status is null ? "none" : JsonSerializer.Serialize(last.Status, CaRotationJsonContext.Default.CaRotationStatus))}\n{ReplicaLogs()}");
    }

    public Task<CaRotation> WaitForStateAsync(string name, string state, TimeSpan timeout) =>
        WaitForAsync(name, rotation => rotation.Status?.State == state, timeout, state);

    /// <summary>The Events written about a CaRotation, oldest first.</summary>
    public async Task<List<Corev1Event>> EventsAsync(string name)
    {
        var events = await Client.CoreV1.ListNamespacedEventAsync(ControllerNamespace, cancellationToken: TestContext.Current.CancellationToken);
        return [.. events.Items.Where(item => item.InvolvedObject.Name == name).OrderBy(item => item.Metadata.CreationTimestamp).ThenBy(item => item.LastTimestamp)];
    }

    public async Task<Corev1Event> WaitForEventAsync(string name, string reason, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if ((await EventsAsync(name)).FirstOrDefault(item => item.Reason == reason) is { } found)
            {
                return found;
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"no Event {reason} on CaRotation {name} within {timeout}\n{ReplicaLogs()}");
    }

    /// <summary>Who holds the controllers' Lease now, if anyone.</summary>
    /// <summary>The Events about a region's CA Secret, found as <c>kubectl describe secret</c> finds them (by its uid).</summary>
    public async Task<List<Corev1Event>> CaSecretEventsAsync(string region)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(Clusters.Simulation.KubeconfigPath, region));
        var secret = await client.CoreV1.ReadNamespacedSecretAsync(SimulatedClusters.CaSecret, SimulatedClusters.Namespace, cancellationToken: cancellationToken);
        var selector = $"involvedObject.kind=Secret,involvedObject.name={secret.Metadata.Name},involvedObject.namespace={secret.Metadata.NamespaceProperty},involvedObject.uid={secret.Metadata.Uid}";
        var events = await client.CoreV1.ListNamespacedEventAsync(secret.Metadata.NamespaceProperty, fieldSelector: selector, cancellationToken: cancellationToken);
        return [.. events.Items];
    }

    public async Task<string?> LeaderAsync()
    {
        try
        {
            var lease = await Client.CoordinationV1.ReadNamespacedLeaseAsync("orchestrator-controller", ControllerNamespace, cancellationToken: TestContext.Current.CancellationToken);
            return lease.Spec?.HolderIdentity is { Length: > 0 } holder ? holder : null;
        }
        catch (k8s.Autorest.HttpOperationException missing) when (missing.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Starts an <c>orchestrator serve</c> replica pointed at region1; returns it with its health port.</summary>
    public (OrchestratorProcess Process, int HealthPort) StartReplica()
    {
        var port = FreePort();
        var process = OrchestratorProcess.Start(
        [
            "serve",
            "--kubeconfig", Clusters.Simulation.KubeconfigPath,
            "--context", "region1",
            "--namespace", ControllerNamespace,
            "--health-address", $"127.0.0.1:{port}",
        ]);
        _replicas.Add(process);
        return (process, port);
    }

    /// <summary>The replica that logged that it leads, waited for.</summary>
    public async Task<OrchestratorProcess> WaitForLeaderAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_replicas.FirstOrDefault(replica => !replica.HasExited && replica.ErrorLines.Concat(replica.OutputLines).Any(line => line.Contains(" leads (Lease", StringComparison.Ordinal))) is { } leader)
            {
                return leader;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"no replica leads within {timeout}\n{ReplicaLogs()}");
    }

    /// <summary>The CA Secret's updates by any orchestrator process, in every region, in the order answered.</summary>
    public List<JsonNode> CaSecretUpdates() =>
        [.. Clusters.OrchestratorWrites().Where(line =>
            line["resource"]!.GetValue<string>() == "secrets"
            && line["verb"]!.GetValue<string>() is "update" or "patch"
            && line["name"]?.GetValue<string>() == SimulatedClusters.CaSecret
            && line["code"]!.GetValue<int>() < 300)];

    public string ReplicaLogs()
    {
        var text = new StringBuilder();
        for (var index = 0; index < _replicas.Count; index++)
        {
            text.AppendLine($"--- replica {index} (pid {_replicas[index].Id}) ---");
            foreach (var line in _replicas[index].ErrorLines.Concat(_replicas[index].OutputLines))
            {
                text.AppendLine(line);
            }
        }

        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in _replicas)
        {
            if (!replica.HasExited)
            {
                replica.Signal(Signals.Kill);
            }

            replica.Dispose();
        }

        Client.Dispose();
        await Clusters.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
