using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Orchestrator.Simulator.Tests.Support;

namespace Orchestrator.Simulator.Tests.Api;

public sealed class KubernetesClientCrudTests(SimulationFixture fixture) : IClassFixture<SimulationFixture>
{
    private const string Namespace = "anton";
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Secret_CreateGetListReplaceDelete_BehavesLikeKubernetes()
    {
        using var client = fixture.Client();
        var created = await client.CoreV1.CreateNamespacedSecretAsync(
            NewSecret("crud-secret", ("a", "1")), Namespace, cancellationToken: Token);

        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
        Assert.NotNull(created.Metadata.CreationTimestamp);
        Assert.Equal("Opaque", created.Type);
        var read = await client.CoreV1.ReadNamespacedSecretAsync("crud-secret", Namespace, cancellationToken: Token);
        Assert.Equal(created.Metadata.ResourceVersion, read.Metadata.ResourceVersion);
        var listed = await client.CoreV1.ListNamespacedSecretAsync(Namespace, labelSelector: "test=crud", cancellationToken: Token);
        Assert.Equal(["crud-secret"], listed.Items.Select(item => item.Metadata.Name));

        read.Data["b"] = Encoding.UTF8.GetBytes("2");
        var replaced = await client.CoreV1.ReplaceNamespacedSecretAsync(read, "crud-secret", Namespace, cancellationToken: Token);
        Assert.True(long.Parse(replaced.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture) > long.Parse(read.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(created.Metadata.Uid, replaced.Metadata.Uid);
        Assert.Equal("2", Encoding.UTF8.GetString(replaced.Data["b"]));

        var status = await client.CoreV1.DeleteNamespacedSecretAsync("crud-secret", Namespace, cancellationToken: Token);
        Assert.Equal("Success", status.Status);
        var missing = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ReadNamespacedSecretAsync("crud-secret", Namespace, cancellationToken: Token));
        Assert.Equal(HttpStatusCode.NotFound, missing.Response.StatusCode);
        Assert.Contains("secrets \\\"crud-secret\\\" not found", missing.Response.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replace_WithStaleResourceVersion_Returns409ConflictStatus()
    {
        using var client = fixture.Client();
        var original = await client.CoreV1.CreateNamespacedSecretAsync(NewSecret("stale-secret", ("a", "1")), Namespace, cancellationToken: Token);
        var first = await client.CoreV1.ReadNamespacedSecretAsync("stale-secret", Namespace, cancellationToken: Token);
        first.Data["a"] = Encoding.UTF8.GetBytes("changed");
        await client.CoreV1.ReplaceNamespacedSecretAsync(first, "stale-secret", Namespace, cancellationToken: Token);

        original.Data["a"] = Encoding.UTF8.GetBytes("overwrite");
        var conflict = await Assert.ThrowsAsync<HttpOperationException>(
            () => client.CoreV1.ReplaceNamespacedSecretAsync(original, "stale-secret", Namespace, cancellationToken: Token));

        Assert.Equal(HttpStatusCode.Conflict, conflict.Response.StatusCode);
        var status = JsonNode.Parse(conflict.Response.Content)!;
        Assert.Equal("Status", status["kind"]!.GetValue<string>());
        Assert.Equal("Conflict", status["reason"]!.GetValue<string>());
        Assert.Equal(409, status["code"]!.GetValue<int>());
        var current = await client.CoreV1.ReadNamespacedSecretAsync("stale-secret", Namespace, cancellationToken: Token);
        Assert.Equal("changed", Encoding.UTF8.GetString(current.Data["a"]));
    }

    [Fact]
    public async Task Patch_MergeJsonAndStrategic_AllApply()
    {
        using var client = fixture.Client();
        await client.CoreV1.CreateNamespacedSecretAsync(NewSecret("patched-secret", ("a", "1"), ("b", "2")), Namespace, cancellationToken: Token);

        await client.CoreV1.PatchNamespacedSecretAsync(
            new V1Patch("{\"data\":{\"b\":null,\"c\":\"Mw==\"}}", V1Patch.PatchType.MergePatch), "patched-secret", Namespace, cancellationToken: Token);
        await client.CoreV1.PatchNamespacedSecretAsync(
            new V1Patch("[{\"op\":\"replace\",\"path\":\"/data/a\",\"value\":\"MTE=\"}]", V1Patch.PatchType.JsonPatch), "patched-secret", Namespace, cancellationToken: Token);
        var result = await client.CoreV1.PatchNamespacedSecretAsync(
            new V1Patch("{\"metadata\":{\"annotations\":{\"note\":\"x\"}}}", V1Patch.PatchType.StrategicMergePatch), "patched-secret", Namespace, cancellationToken: Token);

        Assert.Equal(["a", "c"], result.Data.Keys.Order());
        Assert.Equal("11", Encoding.UTF8.GetString(result.Data["a"]));
        Assert.Equal("x", result.Metadata.Annotations["note"]);
    }

    [Fact]
    public async Task Patch_WithStaleResourceVersion_Returns409()
    {
        using var client = fixture.Client();
        var created = await client.CoreV1.CreateNamespacedSecretAsync(NewSecret("patch-stale", ("a", "1")), Namespace, cancellationToken: Token);
        await client.CoreV1.PatchNamespacedSecretAsync(new V1Patch("{\"data\":{\"a\":\"Mg==\"}}", V1Patch.PatchType.MergePatch), "patch-stale", Namespace, cancellationToken: Token);

        var stale = $"{{\"metadata\":{{\"resourceVersion\":\"{created.Metadata.ResourceVersion}\"}},\"data\":{{\"a\":\"Mw==\"}}}}";
        var conflict = await Assert.ThrowsAsync<HttpOperationException>(
            () => client.CoreV1.PatchNamespacedSecretAsync(new V1Patch(stale, V1Patch.PatchType.MergePatch), "patch-stale", Namespace, cancellationToken: Token));

        Assert.Equal(HttpStatusCode.Conflict, conflict.Response.StatusCode);
    }

    [Fact]
    public async Task Create_InvalidKeyOrExistingName_RefusedWithStatus()
    {
        using var client = fixture.Client();
        var invalid = await Assert.ThrowsAsync<HttpOperationException>(
            () => client.CoreV1.CreateNamespacedSecretAsync(NewSecret("bad-key", ("not valid", "1")), Namespace, cancellationToken: Token));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.Response.StatusCode);

        await client.CoreV1.CreateNamespacedSecretAsync(NewSecret("twice", ("a", "1")), Namespace, cancellationToken: Token);
        var exists = await Assert.ThrowsAsync<HttpOperationException>(
            () => client.CoreV1.CreateNamespacedSecretAsync(NewSecret("twice", ("a", "1")), Namespace, cancellationToken: Token));
        Assert.Equal(HttpStatusCode.Conflict, exists.Response.StatusCode);
        Assert.Contains("AlreadyExists", exists.Response.Content, StringComparison.Ordinal);

        var noNamespace = await Assert.ThrowsAsync<HttpOperationException>(
            () => client.CoreV1.CreateNamespacedSecretAsync(NewSecret("elsewhere", ("a", "1")), "no-such-namespace", cancellationToken: Token));
        Assert.Equal(HttpStatusCode.NotFound, noNamespace.Response.StatusCode);
    }

    [Fact]
    public async Task ListPods_ByDomainLabels_FindsEveryCassandraPodWithFieldSelectorNarrowing()
    {
        using var client = fixture.Client();
        var pods = await client.CoreV1.ListNamespacedPodAsync(
            Namespace, labelSelector: "cassandra-cluster-instance=example-cluster,cassandra-cluster-component=cassandra", cancellationToken: Token);
        Assert.Equal(3, pods.Items.Count);
        Assert.All(pods.Items, pod => Assert.Contains(pod.Status.Conditions, condition => condition.Type == "Ready" && condition.Status == "True"));

        var one = await client.CoreV1.ListNamespacedPodAsync(Namespace, fieldSelector: "metadata.name=example-cluster-cassandra-dc1-1", cancellationToken: Token);
        Assert.Equal(["example-cluster-cassandra-dc1-1"], one.Items.Select(pod => pod.Metadata.Name));

        var sets = await client.AppsV1.ListNamespacedStatefulSetAsync(Namespace, labelSelector: "cassandra-cluster-dc=dc1", cancellationToken: Token);
        var set = Assert.Single(sets.Items);
        Assert.Equal(3, set.Status.ReadyReplicas);
        Assert.Equal(set.Status.UpdateRevision, set.Status.CurrentRevision);
    }

    [Fact]
    public async Task Pod_CreateAndReplaceWithPortsWithoutProtocol_DefaultedToTcpAndReplaceAccepted()
    {
        using var client = fixture.Client();
        var created = await client.CoreV1.CreateNamespacedPodAsync(
            new V1Pod
            {
                Metadata = new V1ObjectMeta { Name = "ports-pod" },
                Spec = new V1PodSpec
                {
                    Containers = [new V1Container { Name = "main", Image = "busybox", Ports = [new V1ContainerPort { ContainerPort = 8080 }] }],
                    InitContainers = [new V1Container { Name = "init", Image = "busybox", Ports = [new V1ContainerPort { ContainerPort = 8081, Protocol = "UDP" }] }],
                },
            },
            Namespace,
            cancellationToken: Token);

        Assert.Equal("TCP", Assert.Single(created.Spec.Containers[0].Ports).Protocol);
        Assert.Equal("UDP", Assert.Single(created.Spec.InitContainers[0].Ports).Protocol);

        // A client that leaves the protocol out again changes nothing the API server forbids: the default applies first.
        created.Spec.Containers[0].Ports[0].Protocol = null;
        created.Metadata.ResourceVersion = null;
        created.Metadata.Labels = new Dictionary<string, string> { ["replaced"] = "yes" };
        var replaced = await client.CoreV1.ReplaceNamespacedPodAsync(created, "ports-pod", Namespace, cancellationToken: Token);

        Assert.Equal("yes", replaced.Metadata.Labels["replaced"]);
        Assert.Equal("TCP", Assert.Single(replaced.Spec.Containers[0].Ports).Protocol);
        await client.CoreV1.DeleteNamespacedPodAsync("ports-pod", Namespace, gracePeriodSeconds: 0, cancellationToken: Token);
    }

    [Fact]
    public async Task StatefulSet_TemplatePortsWithoutProtocol_DefaultedToTcp()
    {
        using var client = fixture.Client();

        var set = await client.AppsV1.ReadNamespacedStatefulSetAsync("example-cluster-cassandra-dc1", Namespace, cancellationToken: Token);

        var ports = set.Spec.Template.Spec.Containers.Single(container => container.Name == "cassandra").Ports;
        Assert.Equal([(7001, "TCP"), (9042, "TCP")], ports.Select(port => (port.ContainerPort, port.Protocol)));
    }

    [Fact]
    public async Task Lease_CreateAndRenew_KeepsTimesAndHolder()
    {
        using var client = fixture.Client();
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var lease = new V1Lease
        {
            Metadata = new V1ObjectMeta { Name = "rotation-lock" },
            Spec = new V1LeaseSpec { HolderIdentity = "me", LeaseDurationSeconds = 30, AcquireTime = now, RenewTime = now },
        };
        var created = await client.CoordinationV1.CreateNamespacedLeaseAsync(lease, Namespace, cancellationToken: Token);
        created.Spec.RenewTime = now.AddSeconds(10);
        var renewed = await client.CoordinationV1.ReplaceNamespacedLeaseAsync(created, "rotation-lock", Namespace, cancellationToken: Token);

        Assert.Equal("me", renewed.Spec.HolderIdentity);
        Assert.Equal(now.AddSeconds(10), renewed.Spec.RenewTime!.Value, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task Request_WithoutToken_Returns401Status()
    {
        using var http = fixture.Http(authenticated: false);

        using var response = await http.GetAsync(new Uri("/api/v1/namespaces/anton/secrets", UriKind.Relative), Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!;
        Assert.Equal("Unauthorized", status["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task List_WithMalformedLabelSelector_Returns400()
    {
        using var http = fixture.Http();

        using var response = await http.GetAsync(new Uri("/api/v1/namespaces/anton/pods?labelSelector=a%20in%20(", UriKind.Relative), Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static V1Secret NewSecret(string name, params (string Key, string Value)[] data) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["test"] = name == "crud-secret" ? "crud" : "other" } },
        Data = data.ToDictionary(entry => entry.Key, entry => Encoding.UTF8.GetBytes(entry.Value)),
    };
}
