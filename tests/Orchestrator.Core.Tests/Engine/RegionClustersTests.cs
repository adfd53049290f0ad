using Orchestrator.Core.Cluster;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Specs;
using Orchestrator.Core.Tests.Support;

namespace Orchestrator.Core.Tests.Engine;

public sealed class RegionClustersTests
{
    [Fact]
    public async Task Indexer_ManyBorrowersAtOnce_OneClientPerRegion()
    {
        var connector = new CountingConnector();
        using var clusters = new RegionClusters(connector, Samples.Spec("region1", "region2"));

        var borrowed = await Task.WhenAll(Enumerable.Range(0, 64).Select(index => Task.Run(() => clusters[index % 2 == 0 ? "region1" : "region2"], TestContext.Current.CancellationToken)));

        Assert.Equal(2, connector.Opened.Count);
        Assert.Same(clusters["region1"], borrowed[0]);
        Assert.Same(clusters["region2"], borrowed[1]);
        Assert.Equal(["region1", "region2"], borrowed.Distinct().Select(cluster => cluster.Region).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Dispose_Twice_EachOpenClientDisposedOnce()
    {
        var connector = new CountingConnector();
        var clusters = new RegionClusters(connector, Samples.Spec("region1", "region2", "region3"));
        _ = clusters["region1"];
        _ = clusters["region3"];

        clusters.Dispose();
        clusters.Dispose();

        Assert.Equal(["region1", "region3"], connector.Opened.Select(region => region.Region));
        Assert.All(connector.Opened, region => Assert.Equal(1, region.Disposals));
    }

    [Fact]
    public void Indexer_AfterDispose_ThrowsRatherThanOpeningAClientNobodyCloses()
    {
        var connector = new CountingConnector();
        var clusters = new RegionClusters(connector, Samples.Spec("region1"));
        clusters.Dispose();

        Assert.Throws<ObjectDisposedException>(() => clusters["region1"]);
        Assert.Empty(connector.Opened);
    }

    [Fact]
    public void Indexer_ConnectFails_NothingKeptAndTheNextBorrowerTriesAgain()
    {
        var connector = new CountingConnector { FailuresLeft = 1 };
        using var clusters = new RegionClusters(connector, Samples.Spec("region1"));

        Assert.Throws<ClusterException>(() => clusters["region1"]);
        var cluster = clusters["region1"];

        Assert.Same(connector.Opened.Single(), cluster);
    }

    private sealed class CountingConnector : IClusterConnector
    {
        private readonly List<FakeRegion> _opened = [];

        public int FailuresLeft { get; set; }

        public IReadOnlyList<FakeRegion> Opened
        {
            get
            {
                lock (_opened)
                {
                    return [.. _opened];
                }
            }
        }

        public IRegionCluster Connect(RegionSpec region, string cluster)
        {
            if (FailuresLeft-- > 0)
            {
                throw new ClusterException(ClusterFailure.Configuration, $"region {region.Name}: cannot use kubeconfig");
            }

            var opened = new FakeRegion(region.Name);
            lock (_opened)
            {
                _opened.Add(opened);
            }

            return opened;
        }
    }

    private sealed class FakeRegion(string name) : UnusedRegion(name)
    {
        private int _disposals;

        public int Disposals => Volatile.Read(ref _disposals);

        public override void Dispose()
        {
            Interlocked.Increment(ref _disposals);
            base.Dispose();
        }
    }
}
