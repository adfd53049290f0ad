using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Orchestrator.Crypto.Authority;
using Orchestrator.Simulator.Controllers;
using Orchestrator.Simulator.Storage;
using Orchestrator.Simulator.Tests.Support;

namespace Orchestrator.Simulator.Tests.Api;

public sealed class FaultTests(SimulationFixture fixture) : IClassFixture<SimulationFixture>
{
    private const string Namespace = CaSecretEditor.Namespace;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FailRequests_AnswersTheNextCountMatchingRequestsThenServes()
    {
        using var client = fixture.Client();
        await using var faults = await fixture.SetFaultsAsync("region1", """{"failRequests":[{"verb":"update","resource":"secrets","code":503,"count":2}]}""", Token);
        var secret = await client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret { Metadata = new V1ObjectMeta { Name = "flaky" }, StringData = new Dictionary<string, string> { ["k"] = "v" } }, Namespace, cancellationToken: Token);

        for (var attempt = 0; attempt < 2; attempt++)
        {
            var failure = await Assert.ThrowsAsync<HttpOperationException>(
                () => client.CoreV1.ReplaceNamespacedSecretAsync(secret, "flaky", Namespace, cancellationToken: Token));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, failure.Response.StatusCode);
            Assert.Contains("\"kind\":\"Status\"", failure.Response.Content, StringComparison.Ordinal);
        }

        secret.Data = new Dictionary<string, byte[]> { ["k"] = Encoding.UTF8.GetBytes("w") };
        await client.CoreV1.ReplaceNamespacedSecretAsync(secret, "flaky", Namespace, cancellationToken: Token);

        var audit = fixture.AuditLines().Where(line => line["name"]?.GetValue<string>() == "flaky" && line["verb"]!.GetValue<string>() == "update").ToList();
        Assert.Equal([503, 503, 200], audit.Select(line => line["code"]!.GetValue<int>()));
        Assert.All(audit, line => Assert.Equal("region1", line["region"]!.GetValue<string>()));
        Assert.All(audit, line => Assert.False(string.IsNullOrEmpty(line["userAgent"]!.GetValue<string>())));
    }

    [Fact]
    public async Task FailRequests_429_CarriesRetryAfterAndCountsDown()
    {
        using var http = fixture.Http("region2");
        await using var faults = await fixture.SetFaultsAsync("region2", """{"failRequests":[{"verb":"get","resource":"secrets","code":429,"count":2}]}""", Token);

        using var first = await http.GetAsync(new Uri($"/api/v1/namespaces/{Namespace}/secrets/{CaSecretEditor.Name}", UriKind.Relative), Token);
        Assert.Equal(HttpStatusCode.TooManyRequests, first.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), first.Headers.RetryAfter?.Delta);
        var remaining = JsonNode.Parse(await http.GetStringAsync(new Uri("/simulator/faults", UriKind.Relative), Token))!;
        Assert.Equal(1, remaining["failRequests"]![0]!["count"]!.GetValue<int>());

        using var second = await http.GetAsync(new Uri($"/api/v1/namespaces/{Namespace}/secrets/{CaSecretEditor.Name}", UriKind.Relative), Token);
        using var third = await http.GetAsync(new Uri($"/api/v1/namespaces/{Namespace}/secrets/{CaSecretEditor.Name}", UriKind.Relative), Token);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
    }

    [Fact]
    public async Task LatencyMs_DelaysEveryRequest()
    {
        using var client = fixture.Client();
        await using var faults = await fixture.SetFaultsAsync("region1", """{"latencyMs":300}""", Token);

        var clock = Stopwatch.StartNew();
        await client.CoreV1.ReadNamespaceAsync(Namespace, cancellationToken: Token);

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(300), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task CloseWatchesAfterEvents_EndsTheStreamAfterThatManyEvents()
    {
        using var client = fixture.Client();
        await using var faults = await fixture.SetFaultsAsync("region1", """{"closeWatchesAfterEvents":2}""", Token);

        var delivered = 0;
        await foreach (var _ in client.CoreV1.WatchListNamespacedSecretAsync(Namespace, cancellationToken: Token))
        {
            delivered++;
        }

        Assert.Equal(2, delivered);
    }

    [Fact]
    public async Task StuckPods_RecreatedPodNeverTurnsReady_UntilTheFaultIsCleared()
    {
        const string stuck = "example-cluster-cassandra-dc1-1";
        using var client = fixture.Client();
        var store = fixture.Store();
        var before = CaSecretEditor.PodUids(store);
        await using var faults = await fixture.SetFaultsAsync("region1", $$"""{"stuckPods":["{{stuck}}"]}""", Token);
        var data = await CaSecretEditor.ReadDataAsync(client, Token);
        data["stuck.crt"] = NewCaCertificate("stuck");
        await CaSecretEditor.ReplaceDataAsync(client, data, Token);

        await StoreWaiter.UntilAsync(store, () => Pod(store, stuck) is { } pod && !before.Contains(pod.Metadata.Uid) && pod.Status.Phase == "Running", "the stuck pod is recreated");
        await Task.Delay(TimeSpan.FromMilliseconds(500), Token); // many restart times: it must still not be Ready
        var pod = Pod(store, stuck)!;
        Assert.False(PodState.IsReady(pod));
        Assert.True(before.Contains(Pod(store, "example-cluster-cassandra-dc1-0")!.Metadata.Uid), "the roll halts at the stuck pod");
        var set = await client.AppsV1.ReadNamespacedStatefulSetAsync("example-cluster-cassandra-dc1", Namespace, cancellationToken: Token);
        Assert.Equal(2, set.Status.ReadyReplicas);

        await faults.DisposeAsync();
        await CaSecretEditor.WaitForRolloutAsync(store, before, data);
    }

    [Fact]
    public async Task OperatorPaused_IgnoresTheChangeUntilResumed_ThenCatchesUp()
    {
        using var client = fixture.Client("region2");
        var store = fixture.Store("region2");
        var before = CaSecretEditor.PodUids(store);
        var setBefore = store.Get(ResourceTypes.StatefulSets, Namespace, "example-cluster-cassandra-dc1")!.As<V1StatefulSet>();
        await using var faults = await fixture.SetFaultsAsync("region2", """{"operatorPaused":true}""", Token);
        var data = await CaSecretEditor.ReadDataAsync(client, Token);
        var acknowledged = (await client.CoreV1.ReadNamespacedSecretAsync(CaSecretEditor.Name, Namespace, cancellationToken: Token)).Metadata.Annotations[OperatorChecksum.Annotation];
        data["paused.crt"] = NewCaCertificate("paused");
        await CaSecretEditor.ReplaceDataAsync(client, data, Token);

        await Task.Delay(TimeSpan.FromMilliseconds(500), Token); // many operator reactions: it must still not have acted
        var ca = await client.CoreV1.ReadNamespacedSecretAsync(CaSecretEditor.Name, Namespace, cancellationToken: Token);
        Assert.Equal(acknowledged, ca.Metadata.Annotations[OperatorChecksum.Annotation]);
        Assert.Equal(setBefore.Metadata.Generation, store.Get(ResourceTypes.StatefulSets, Namespace, "example-cluster-cassandra-dc1")!.As<V1StatefulSet>().Metadata.Generation);

        await faults.DisposeAsync();
        await CaSecretEditor.WaitForRolloutAsync(store, before, data);
    }

    [Theory]
    [InlineData("""{"failRequests":[{"verb":"explode","resource":"secrets","code":503}]}""")]
    [InlineData("""{"latencyMs":-1}""")]
    [InlineData("""{"unknownFault":true}""")]
    [InlineData("""not json""")]
    public async Task PutFaults_Invalid_Returns400AndKeepsFaults(string body)
    {
        using var http = fixture.Http();

        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PutAsync(new Uri("/simulator/faults", UriKind.Relative), content, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var current = JsonNode.Parse(await http.GetStringAsync(new Uri("/simulator/faults", UriKind.Relative), Token))!;
        Assert.Empty(current["failRequests"]!.AsArray());
    }

    private static V1Pod? Pod(RegionStore store, string name) => store.Get(ResourceTypes.Pods, Namespace, name)?.As<V1Pod>();

    private static byte[] NewCaCertificate(string alias) =>
        CaSecretEditor.Bytes(CertificateAuthorityGenerator.Generate(new CertificateAuthorityOptions(alias, 2048), TimeProvider.System).CertificatePem);
}
