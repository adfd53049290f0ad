using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Orchestrator.Simulator.Tests.Support;

namespace Orchestrator.Simulator.Tests.Api;

/// <summary>Faults aimed at one client by its User-Agent, as a network partition cuts off one replica and not another.</summary>
public sealed class ClientFaultTests(SimulationFixture fixture) : IClassFixture<SimulationFixture>
{
    private const string Namespace = CaSecretEditor.Namespace;
    private const string ReplicaA = "orchestrator-replica-a";
    private const string ReplicaB = "orchestrator-replica-b";
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CutOff_ThatClientGetsNoResponse_TheOtherReadsAndWrites_ClearingRestoresIt()
    {
        using var a = Client("region1", ReplicaA);
        using var b = Client("region1", ReplicaB);
        await using var faults = await fixture.SetFaultsAsync("region1", $$"""{"cutOffUserAgents":["{{ReplicaA}}"]}""", Token);

        await Assert.ThrowsAsync<HttpRequestException>(() => a.CoreV1.ReadNamespaceAsync(Namespace, cancellationToken: Token));
        await Assert.ThrowsAsync<HttpRequestException>(() => a.CoreV1.CreateNamespacedSecretAsync(Secret("from-a"), Namespace, cancellationToken: Token));
        await b.CoreV1.ReadNamespaceAsync(Namespace, cancellationToken: Token);
        await b.CoreV1.CreateNamespacedSecretAsync(Secret("from-b"), Namespace, cancellationToken: Token);
        Assert.Null(fixture.Store("region1").Get(Storage.ResourceTypes.Secrets, Namespace, "from-a"));

        await faults.DisposeAsync();
        await a.CoreV1.CreateNamespacedSecretAsync(Secret("from-a"), Namespace, cancellationToken: Token);
        var audited = fixture.AuditLines().Where(line => line["verb"]!.GetValue<string>() == "create" && line["name"]?.GetValue<string>() is "from-a" or "from-b").ToList();
        Assert.Equal([ReplicaB, ReplicaA], audited.Select(line => line["userAgent"]!.GetValue<string>()));
    }

    [Fact]
    public async Task FailRequests_WithUserAgent_HitsOnlyThatClient()
    {
        using var a = Client("region2", ReplicaA);
        using var b = Client("region2", ReplicaB);
        await using var faults = await fixture.SetFaultsAsync("region2", $$"""{"failRequests":[{"verb":"get","resource":"secrets","code":503,"count":1,"userAgent":"{{ReplicaA}}"}]}""", Token);

        await b.CoreV1.ReadNamespacedSecretAsync(CaSecretEditor.Name, Namespace, cancellationToken: Token);
        var failure = await Assert.ThrowsAsync<HttpOperationException>(
            () => a.CoreV1.ReadNamespacedSecretAsync(CaSecretEditor.Name, Namespace, cancellationToken: Token));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failure.Response.StatusCode);
        await a.CoreV1.ReadNamespacedSecretAsync(CaSecretEditor.Name, Namespace, cancellationToken: Token);
    }

    [Fact]
    public async Task CutOff_EndsTheOpenWatchOfThatClient_NotTheOther()
    {
        using var a = Client("region1", ReplicaA);
        using var b = Client("region1", ReplicaB);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Token);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        var seenByA = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var seenByB = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var watchOfA = DrainAsync(a, seenByA, deadline.Token);
        var watchOfB = DrainAsync(b, seenByB, deadline.Token);
        await Task.WhenAll(seenByA.Task, seenByB.Task).WaitAsync(deadline.Token);

        await using var faults = await fixture.SetFaultsAsync("region1", $$"""{"cutOffUserAgents":["{{ReplicaA}}"]}""", Token);
        await watchOfA.WaitAsync(deadline.Token);

        Assert.False(deadline.IsCancellationRequested, "the cut-off client's watch ended before the deadline");
        Assert.False(watchOfB.IsCompleted, "the other client's watch stays open");
        await deadline.CancelAsync();
        await watchOfB;
    }

    [Fact]
    public async Task CutOff_AimedAtAnotherClient_LeavesKubectlServed()
    {
        var kubectl = Support.Kubectl.For(fixture);
        using var a = Client("region2", ReplicaA);
        await using var faults = await fixture.SetFaultsAsync("region2", $$"""{"cutOffUserAgents":["{{ReplicaA}}"]}""", Token);

        var secret = await kubectl.SucceedAsync("region2", "get", "secret", CaSecretEditor.Name, "-o", "name");
        await kubectl.SucceedAsync("region2", "annotate", "secret", CaSecretEditor.Name, "example.com/checked=yes", "--overwrite");

        Assert.Equal($"secret/{CaSecretEditor.Name}", secret.Trim());
        await Assert.ThrowsAsync<HttpRequestException>(() => a.CoreV1.ReadNamespacedSecretAsync(CaSecretEditor.Name, Namespace, cancellationToken: Token));
    }

    [Theory]
    [InlineData("""{"cutOffUserAgents":[""]}""")]
    [InlineData("""{"failRequests":[{"verb":"get","resource":"secrets","code":503,"userAgent":" "}]}""")]
    public async Task PutFaults_EmptyUserAgent_Returns400(string body)
    {
        using var http = fixture.Http();

        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PutAsync(new Uri("/simulator/faults", UriKind.Relative), content, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var current = JsonNode.Parse(await http.GetStringAsync(new Uri("/simulator/faults", UriKind.Relative), Token))!;
        Assert.Empty(current["cutOffUserAgents"]!.AsArray());
    }

    private static V1Secret Secret(string name) =>
        new() { Metadata = new V1ObjectMeta { Name = name }, StringData = new Dictionary<string, string> { ["k"] = "v" } };

    /// <summary>Watches secrets until the stream ends or fails (a cut-off) or the token is cancelled.</summary>
    private static async Task DrainAsync(Kubernetes client, TaskCompletionSource firstEvent, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var _ in client.CoreV1.WatchListNamespacedSecretAsync(Namespace, cancellationToken: cancellationToken))
            {
                firstEvent.TrySetResult();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The test is done with this watch.
        }
        catch (IOException)
        {
            // The connection was aborted under the stream: the partition ended it.
        }
        catch (HttpRequestException)
        {
            // As above, reported by the HTTP stack rather than the stream.
        }
    }

    private Kubernetes Client(string region, string userAgent)
    {
        var configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(fixture.Simulation.KubeconfigPath, currentContext: region);
        configuration.UserAgent = userAgent;
        return new Kubernetes(configuration);
    }
}
