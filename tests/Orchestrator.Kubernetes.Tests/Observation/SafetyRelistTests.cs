using k8s;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.Kubernetes.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.Kubernetes.Tests.Observation;

public sealed class SafetyRelistTests(SimulationFixture fixture) : IClassFixture<SimulationFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Observe_SafetyRelistDue_ListsEverythingAgain_YieldsOnlyForRealChanges_AndWatchesOn()
    {
        const string pod = "example-cluster-cassandra-dc1-0";
        await fixture.Simulation.WaitUntilSettledAsync(Token);
        var time = new FakeTimeProvider();
        var counter = new RequestCounter();
        var options = new KubernetesClientOptions { SafetyRelist = TimeSpan.FromMinutes(5) };
        using var observed = Connectors.Counting(counter, options: options, time: time).Connect(fixture.Region(), SimulationFixture.Cluster);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);
        stop.CancelAfter(TimeSpan.FromSeconds(60));
        await using var snapshots = observed.ObserveAsync(SimulationFixture.CaSecret, stop.Token).GetAsyncEnumerator(stop.Token);
        Assert.True(await snapshots.MoveNextAsync());
        var uid = snapshots.Current.Pods.Single(p => p.Name == pod).Uid;
        await Polling.UntilAsync(() => counter.Watches == 3, "the three watches are open");

        var next = snapshots.MoveNextAsync();
        time.Advance(options.SafetyRelist);
        await Polling.UntilAsync(() => counter.Lists == 6 && counter.Watches == 6, "everything is listed again and watched from there");

        Assert.False(next.IsCompleted, "a list that found nothing new yielded a snapshot");
        using var plain = fixture.Client();
        await plain.CoreV1.DeleteNamespacedPodAsync(pod, SimulationFixture.Namespace, cancellationToken: Token);
        while (await next)
        {
            if (snapshots.Current.Pods.SingleOrDefault(p => p.Name == pod) is { Ready: true } recreated && recreated.Uid != uid)
            {
                break;
            }

            next = snapshots.MoveNextAsync();
        }

        Assert.Equal(6, counter.Lists);
        Assert.Equal(6, counter.Watches);
        await fixture.Simulation.WaitUntilSettledAsync(Token);
    }
}
