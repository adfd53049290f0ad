using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.Core.Cluster;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Leases;
using Orchestrator.Core.Rotations;
using Orchestrator.Core.Specs;
using Orchestrator.Core.Tests.Support;

namespace Orchestrator.Core.Tests.Leases;

/// <summary>A run's region Leases: released when it ends, or left as they are to a successor of the same name.</summary>
public sealed class RotationLeasesTests
{
    private static readonly RotationSpec Spec = new(
        "example-cluster",
        "anton",
        "example-cluster-manual-tls-ca",
        RotationSpec.DefaultExtraCaKey,
        new NewCaSpec("ca2", NewCaSpec.MinimumKeySize, 730, null, null),
        [new RegionSpec("region1", "kubeconfig", null, "anton"), new RegionSpec("region2", "kubeconfig", null, "anton")],
        TimeSpan.FromMinutes(30));

    private static readonly LeaseHolder Me = new(RotationId.Parse("rotation-1"), "controller.orchestrator", 0);

    [Fact]
    public async Task Dispose_AfterTheRun_ReleasesEveryRegionsLease()
    {
        var connector = new LeaseConnector();
        using var clusters = new RegionClusters(connector, Spec);
        await using (var leases = new RotationLeases(clusters, Spec, Me, new FakeTimeProvider(), NullLogger.Instance))
        {
            Assert.Null(await leases.AcquireAsync(forceTakeover: false, TestContext.Current.CancellationToken));
        }

        Assert.All(connector.Regions.Values, region => Assert.Equal([Me.ToString(), null], region.Claims.Select(claim => claim.Holder)));
    }

    [Fact]
    public async Task LeaveToSuccessor_ThenDispose_WritesNothingMore()
    {
        var connector = new LeaseConnector();
        using var clusters = new RegionClusters(connector, Spec);
        await using (var leases = new RotationLeases(clusters, Spec, Me, new FakeTimeProvider(), NullLogger.Instance))
        {
            Assert.Null(await leases.AcquireAsync(forceTakeover: false, TestContext.Current.CancellationToken));
            leases.LeaveToSuccessor();
        }

        Assert.All(connector.Regions.Values, region => Assert.Equal([Me.ToString()], region.Claims.Select(claim => claim.Holder)));
    }

    private sealed class LeaseConnector : IClusterConnector
    {
        public Dictionary<string, LeaseRegion> Regions { get; } = [];

        public IRegionCluster Connect(RegionSpec region, string cluster) => Regions[region.Name] = new LeaseRegion(region.Name);
    }

    /// <summary>A region that keeps one Lease and every claim written to it.</summary>
    private sealed class LeaseRegion(string name) : UnusedRegion(name)
    {
        private LeaseRecord? _lease;

        public List<LeaseClaim> Claims { get; } = [];

        public override Task<LeaseRecord?> ReadLeaseAsync(string lease, CancellationToken cancellationToken) => Task.FromResult(_lease);

        public override Task<LeaseRecord?> WriteLeaseAsync(string lease, LeaseClaim claim, LeaseRecord? basis, CancellationToken cancellationToken)
        {
            Claims.Add(claim);
            _lease = new LeaseRecord(lease, claim.Holder, claim.Duration, claim.AcquireTime, claim.RenewTime, Claims.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return Task.FromResult<LeaseRecord?>(_lease);
        }
    }
}
