using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Orchestrator.Crypto.Authority;
using Orchestrator.Simulator.Controllers;
using Orchestrator.Simulator.Storage;
using Orchestrator.Simulator.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.Simulator.Tests.Kubectl;

/// <summary>Real kubectl against the simulator: what an operator does by hand must work, and tell the truth.</summary>
public sealed class KubectlTests(SimulationFixture fixture) : IClassFixture<SimulationFixture>
{
    private const string Secret = CaSecretEditor.Name;
    private const string Namespace = CaSecretEditor.Namespace;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetSecretJson_ThenReplaceIt_RoundTripsUnchanged()
    {
        var kubectl = Support.Kubectl.For(fixture);

        var json = await kubectl.SucceedAsync("region1", "get", "secret", Secret, "-o", "json");
        var secret = JsonNode.Parse(json)!;
        var stored = fixture.Store().Get(ResourceTypes.Secrets, Namespace, Secret)!.As<V1Secret>();
        Assert.Equal("Secret", secret["kind"]!.GetValue<string>());
        Assert.Equal(Convert.ToBase64String(stored.Data["ca.crt"]), secret["data"]!["ca.crt"]!.GetValue<string>());
        Assert.Equal(stored.Metadata.ResourceVersion, secret["metadata"]!["resourceVersion"]!.GetValue<string>());

        var file = Path.Combine(fixture.Directory, "roundtrip.json");
        await File.WriteAllTextAsync(file, json, Token);
        var replaced = await kubectl.SucceedAsync("region1", "replace", "-f", file, "-o", "json");

        var after = JsonNode.Parse(replaced)!;
        Assert.Equal(secret["data"]!.ToJsonString(), after["data"]!.ToJsonString());
        Assert.Equal(secret["metadata"]!["uid"]!.GetValue<string>(), after["metadata"]!["uid"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetAndDescribe_EveryServedKind_Work()
    {
        var kubectl = Support.Kubectl.For(fixture);

        var pods = await kubectl.SucceedAsync("region2", "get", "pods", "-l", "cassandra-cluster-instance=example-cluster");
        Assert.Contains("example-cluster-cassandra-dc1-0", pods, StringComparison.Ordinal);
        var sets = await kubectl.SucceedAsync("region2", "get", "statefulsets");
        Assert.Contains("example-cluster-cassandra-dc1", sets, StringComparison.Ordinal);
        var described = await kubectl.SucceedAsync("region2", "describe", "secret", Secret);
        Assert.Contains("ca.crt", described, StringComparison.Ordinal);
        var describedSet = await kubectl.SucceedAsync("region2", "describe", "statefulset", "example-cluster-cassandra-dc1");
        Assert.Contains("example-cluster-cassandra-dc1", describedSet, StringComparison.Ordinal);
        var describedPod = await kubectl.SucceedAsync("region2", "describe", "pod", "example-cluster-cassandra-dc1-0");
        Assert.Contains("Running", describedPod, StringComparison.Ordinal);
        await kubectl.SucceedAsync("region2", "get", "namespaces");
        await kubectl.SucceedAsync("region2", "get", "leases");
    }

    [Fact]
    public async Task DescribePodAndStatefulSet_ContainerPorts_ShowTheProtocolTheApiServerDefaulted()
    {
        var kubectl = Support.Kubectl.For(fixture);

        var pod = await kubectl.SucceedAsync("region2", "describe", "pod", "example-cluster-cassandra-dc1-0");
        var set = await kubectl.SucceedAsync("region2", "describe", "statefulset", "example-cluster-cassandra-dc1");

        foreach (var described in new[] { pod, set })
        {
            Assert.Contains("7001/TCP", described, StringComparison.Ordinal);
            Assert.Contains("9042/TCP", described, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ApplyEditedCaSecret_OperatorAcknowledgesAndEveryPodOfThatRegionIsReplaced_RolloutStatusFollowsIt()
    {
        var kubectl = Support.Kubectl.For(fixture);
        var store = fixture.Store("region1");
        var otherRegion = CaSecretEditor.PodUids(fixture.Store("region2"));
        var before = CaSecretEditor.PodUids(store);
        var generation = store.Get(ResourceTypes.StatefulSets, Namespace, "example-cluster-cassandra-dc1")!.As<V1StatefulSet>().Metadata.Generation;

        // What the procedure's step 2 says: the Secret as it is, plus the new CA as ca2.crt.
        var secret = JsonNode.Parse(await kubectl.SucceedAsync("region1", "get", "secret", Secret, "-o", "json"))!.AsObject();
        var newCa = CertificateAuthorityGenerator.Generate(new CertificateAuthorityOptions("ca2", 2048), TimeProvider.System);
        secret["data"]!["ca2.crt"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(newCa.CertificatePem));
        secret["metadata"]!.AsObject().Remove("resourceVersion");
        var file = Path.Combine(fixture.Directory, "edited-ca.json");
        await File.WriteAllTextAsync(file, secret.ToJsonString(), Token);
        var applied = await kubectl.SucceedAsync("region1", "apply", "-f", file);
        Assert.Contains("configured", applied, StringComparison.Ordinal);

        await StoreWaiter.UntilAsync(
            store,
            () => store.Get(ResourceTypes.StatefulSets, Namespace, "example-cluster-cassandra-dc1")!.As<V1StatefulSet>().Metadata.Generation > generation,
            "the operator has changed the pod template");
        var rollout = await kubectl.SucceedAsync("region1", "rollout", "status", "statefulset/example-cluster-cassandra-dc1", "--timeout=120s");
        Assert.Contains("complete", rollout, StringComparison.Ordinal);

        // rollout status said complete: that must be true of the pods themselves.
        var pods = store.List(ResourceTypes.Pods, ObjectFilter.InNamespace(Namespace)).Items.Select(p => p.As<V1Pod>()).ToList();
        Assert.Equal(3, pods.Count);
        Assert.All(pods, pod => Assert.DoesNotContain(pod.Metadata.Uid, before));
        Assert.All(pods, pod => Assert.True(Simulator.Controllers.PodState.IsHealthy(pod)));
        var ca = store.Get(ResourceTypes.Secrets, Namespace, Secret)!.As<V1Secret>();
        Assert.Equal(OperatorChecksum.Of(ca.Data), ca.Metadata.Annotations[OperatorChecksum.Annotation]);
        Assert.True(ca.Metadata.Annotations.ContainsKey("kubectl.kubernetes.io/last-applied-configuration"));
        Assert.Equal(otherRegion, CaSecretEditor.PodUids(fixture.Store("region2")));
    }

    [Fact]
    public async Task EditAndAnnotate_Secret_ChangeWhatTheySay()
    {
        var kubectl = Support.Kubectl.For(fixture);
        ExternalTool.RequirePath("sed");

        await kubectl.SucceedAsync("region2", "annotate", "secret", Secret, "team=database");
        var edit = await kubectl.RunAsync(
            "region2",
            new Dictionary<string, string> { ["KUBE_EDITOR"] = "sed -i -e s/team:\\ database/team:\\ platform/" },
            "edit",
            "secret",
            Secret);
        Assert.True(edit.ExitCode == 0, edit.ToString());

        var secret = fixture.Store("region2").Get(ResourceTypes.Secrets, Namespace, Secret)!.As<V1Secret>();
        Assert.Equal("platform", secret.Metadata.Annotations["team"]);
    }

    [Fact]
    public async Task GetWatch_PrintsChangesAsTheyHappen()
    {
        var kubectl = Support.Kubectl.For(fixture);
        var store = fixture.Store("region2");
        var openBefore = store.OpenWatches(ResourceTypes.Secrets);
        var watching = kubectl.RunAsync("region2", null, "get", "secrets", "--watch", "--output-watch-events", "--request-timeout=5s", "-o", "json");

        // The change must come after kubectl's initial list, or the watch would not be what reports it.
        await Polling.UntilAsync(() => store.OpenWatches(ResourceTypes.Secrets) > openBefore, "kubectl's watch is open");
        using var client = fixture.Client("region2");
        await client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret { Metadata = new V1ObjectMeta { Name = "watched" }, StringData = new Dictionary<string, string> { ["k"] = "v" } }, Namespace, cancellationToken: Token);

        var result = await watching;

        // kubectl prints one JSON document per event: the initial list, then what the watch reports.
        var events = new List<JsonNode>();
        using var output = new MemoryStream(Encoding.UTF8.GetBytes(result.StandardOutput));
        await foreach (var change in System.Text.Json.JsonSerializer.DeserializeAsyncEnumerable<JsonNode>(output, topLevelValues: true, cancellationToken: Token))
        {
            events.Add(change!);
        }

        Assert.Contains(events, change => change["type"]!.GetValue<string>() == "ADDED" && change["object"]!["metadata"]!["name"]!.GetValue<string>() == "watched");
    }
}
