using k8s;
using k8s.Models;
using Orchestrator.Crypto.Authority;
using Orchestrator.Simulator.Hosting;
using Orchestrator.Simulator.Tests.Support;

namespace Orchestrator.Simulator.Tests.Api;

public sealed class WatchTests(WatchTests.SmallHistoryFixture fixture) : IClassFixture<WatchTests.SmallHistoryFixture>
{
    private const string Namespace = CaSecretEditor.Namespace;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WatchPods_WhileCaSecretChanges_DeliversTheWholeRolloutInOrder()
    {
        using var client = fixture.Client("region2");
        var store = fixture.Store("region2");
        var list = await client.CoreV1.ListNamespacedPodAsync(Namespace, labelSelector: "cassandra-cluster-component=cassandra", cancellationToken: Token);
        var before = list.Items.Select(pod => pod.Metadata.Uid).ToHashSet();
        var events = new List<(WatchEventType Type, V1Pod Pod)>();
        var allReadySeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var watching = Task.Run(
            async () =>
            {
                try
                {
                    await foreach (var change in client.CoreV1.WatchListNamespacedPodAsync(
                        Namespace, labelSelector: "cassandra-cluster-component=cassandra", resourceVersion: list.Metadata.ResourceVersion, cancellationToken: stop.Token))
                    {
                        lock (events)
                        {
                            events.Add(change);
                            var ready = events.Where(e => !before.Contains(e.Pod.Metadata.Uid) && e.Pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true);
                            if (ready.Select(e => e.Pod.Metadata.Uid).Distinct().Count() == 3)
                            {
                                allReadySeen.TrySetResult();
                            }
                        }
                    }
                }
                catch (OperationCanceledException)
                {
                }
            },
            Token);

        var data = await CaSecretEditor.ReadDataAsync(client, Token);
        data["ca2.crt"] = CaSecretEditor.Bytes(CertificateAuthorityGenerator.Generate(new CertificateAuthorityOptions("ca2", 2048), TimeProvider.System).CertificatePem);
        await CaSecretEditor.ReplaceDataAsync(client, data, Token);
        await CaSecretEditor.WaitForRolloutAsync(store, before, data);
        await allReadySeen.Task.WaitAsync(TimeSpan.FromSeconds(30), Token);
        await stop.CancelAsync();
        await watching;

        List<(WatchEventType Type, V1Pod Pod)> seen;
        lock (events)
        {
            seen = events.ToList();
        }

        var deletions = seen.Where(e => e.Type == WatchEventType.Deleted).Select(e => e.Pod.Metadata.Name).ToList();
        Assert.Equal(
            ["example-cluster-cassandra-dc1-2", "example-cluster-cassandra-dc1-1", "example-cluster-cassandra-dc1-0"],
            deletions);
        var additions = seen.Where(e => e.Type == WatchEventType.Added).Select(e => e.Pod.Metadata.Uid).ToList();
        Assert.Equal(3, additions.Count);
        Assert.DoesNotContain(additions, before.Contains);
        Assert.All(additions, uid => Assert.Contains(seen, e => e.Pod.Metadata.Uid == uid && e.Pod.Status.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true));
    }

    [Fact]
    public async Task Watch_FromResourceVersionOlderThanHistory_EndsWith410Expired()
    {
        using var client = fixture.Client();
        var start = await client.CoreV1.ListNamespacedSecretAsync(Namespace, cancellationToken: Token);
        for (var i = 0; i < SmallHistoryFixture.History + 2; i++)
        {
            await client.CoreV1.CreateNamespacedSecretAsync(
                new V1Secret { Metadata = new V1ObjectMeta { Name = $"churn-{i}" }, StringData = new Dictionary<string, string> { ["k"] = "v" } },
                Namespace,
                cancellationToken: Token);
        }

        var errors = new List<Exception>();
        var delivered = 0;
        await foreach (var _ in client.CoreV1.WatchListNamespacedSecretAsync(
            Namespace, resourceVersion: start.Metadata.ResourceVersion, onError: errors.Add, cancellationToken: Token))
        {
            delivered++;
        }

        Assert.Equal(0, delivered);
        var expired = Assert.IsType<KubernetesException>(Assert.Single(errors));
        Assert.Equal(410, expired.Status.Code);
        Assert.Equal("Expired", expired.Status.Reason);
    }

    [Fact]
    public async Task Watch_FromRecentResourceVersion_ReplaysWhatHappenedSince()
    {
        using var client = fixture.Client();
        var created = await client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret { Metadata = new V1ObjectMeta { Name = "replayed" }, StringData = new Dictionary<string, string> { ["k"] = "v" } },
            Namespace,
            cancellationToken: Token);
        await client.CoreV1.DeleteNamespacedSecretAsync("replayed", Namespace, cancellationToken: Token);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var seen = new List<WatchEventType>();
        await foreach (var (type, _) in client.CoreV1.WatchListNamespacedSecretAsync(
            Namespace, fieldSelector: "metadata.name=replayed", resourceVersion: created.Metadata.ResourceVersion, timeoutSeconds: 1, cancellationToken: timeout.Token))
        {
            seen.Add(type);
        }

        Assert.Equal([WatchEventType.Deleted], seen);
    }

    public sealed class SmallHistoryFixture : SimulationFixture
    {
        public const int History = 20;

        protected override SimulatorOptions Options(string directory) => base.Options(directory) with { WatchHistory = History };
    }
}
