using Orchestrator.Core.Cassandra;
using Orchestrator.Core.Cluster;
using Orchestrator.Kubernetes.Tests.Support;

namespace Orchestrator.Kubernetes.Tests.Observation;

public sealed class ObserveTests(SimulationFixture fixture, ITestOutputHelper output) : IClassFixture<SimulationFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Observe_DuringACaSecretChange_FollowsTheRolloutToTheEnd_WithThreeListsAndThreeWatches()
    {
        var counter = new RequestCounter();
        using var observed = Connectors.Counting(counter).Connect(fixture.Region(), SimulationFixture.Cluster);
        using var writer = Connectors.Plain().Connect(fixture.Region(), SimulationFixture.Cluster);

        var result = await ObserveRolloutAsync(observed, writer, "x1");

        Assert.True(result.Snapshots >= 3, $"only {result.Snapshots} snapshots");
        output.WriteLine($"{result.Snapshots} snapshots; requests: {string.Join(", ", counter.Describe())}");
        Assert.Equal(3, counter.Lists);
        Assert.Equal(3, counter.Watches);
        Assert.Equal(6, counter.Total);
    }

    [Fact]
    public async Task Observe_WatchesClosedEveryTwoEvents_ResumesThemAndStillReachesTheEnd()
    {
        var counter = new RequestCounter();
        using var observed = Connectors.Counting(counter).Connect(fixture.Region("region2"), SimulationFixture.Cluster);
        using var writer = Connectors.Plain().Connect(fixture.Region("region2"), SimulationFixture.Cluster);
        await using var faults = await Faults.SetAsync(fixture, "region2", """{"closeWatchesAfterEvents":2}""");

        await ObserveRolloutAsync(observed, writer, "x2");

        output.WriteLine($"requests: {string.Join(", ", counter.Describe())}");
        Assert.Equal(3, counter.Lists);
        Assert.True(counter.Watches > 3, $"only {counter.Watches} watches: the streams were never cut?");
    }

    [Fact]
    public async Task Observe_SnapshotsAreIndependentCopies()
    {
        // The rollout of a test before this one, on the same simulation, ends with its pods; the StatefulSets' status
        // (ready and updated counts, current revision) catches up a moment later and would differ between the two reads.
        await fixture.Simulation.WaitUntilSettledAsync(Token);
        using var region = Connectors.Plain().Connect(fixture.Region(), SimulationFixture.Cluster);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);

        await using var snapshots = region.ObserveAsync(SimulationFixture.CaSecret, stop.Token).GetAsyncEnumerator(stop.Token);
        Assert.True(await snapshots.MoveNextAsync());
        var first = snapshots.Current;
        var fresh = await region.SnapshotAsync(SimulationFixture.CaSecret, Token);

        Assert.Equal(fresh.AcknowledgedChecksum, first.AcknowledgedChecksum);
        Assert.Equal(fresh.StatefulSets, first.StatefulSets);
        Assert.Equal(fresh.Pods, first.Pods);
    }

    [Fact]
    public async Task Observe_MissingSecret_NoChecksumRatherThanAFailure()
    {
        using var region = Connectors.Plain().Connect(fixture.Region(), SimulationFixture.Cluster);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);

        await using var snapshots = region.ObserveAsync("no-such-secret", stop.Token).GetAsyncEnumerator(stop.Token);

        Assert.True(await snapshots.MoveNextAsync());
        Assert.Null(snapshots.Current.AcknowledgedChecksum);
        Assert.Equal(3, snapshots.Current.Pods.Count);
    }

    /// <summary>Writes a new CA entry after the first snapshot, then reads snapshots until the rollout is complete.</summary>
    internal static async Task<(int Snapshots, ClusterSnapshot Last)> ObserveRolloutAsync(IRegionCluster observed, IRegionCluster writer, string alias)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(90));
        var basis = await writer.ReadSecretAsync(SimulationFixture.CaSecret, deadline.Token);
        var data = Rollout.WithExtraCa(basis.Data, alias);
        var checksum = SecretChecksum.Compute(data);
        IReadOnlySet<string>? before = null;
        var count = 0;
        await foreach (var snapshot in observed.ObserveAsync(SimulationFixture.CaSecret, deadline.Token))
        {
            count++;
            if (before is null)
            {
                before = Rollout.PodUids(snapshot);
                Assert.Equal(3, before.Count);
                var outcome = await writer.ReplaceSecretDataAsync(basis, data, deadline.Token);
                Assert.True(outcome.Written);
                continue;
            }

            if (Rollout.IsComplete(snapshot, before, checksum))
            {
                return (count, snapshot);
            }
        }

        throw new InvalidOperationException("the observation ended by itself");
    }
}
