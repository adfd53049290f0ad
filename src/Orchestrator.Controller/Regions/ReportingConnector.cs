using Orchestrator.Controller.Metrics;
using Orchestrator.Core.Cluster;
using Orchestrator.Core.Specs;

namespace Orchestrator.Controller.Regions;

/// <summary>Opens regions as <see cref="ReportingRegionCluster"/>s.</summary>
internal sealed class ReportingConnector(IClusterConnector inner, CaExpiryBoard board, TimeProvider time) : IClusterConnector
{
    public IRegionCluster Connect(RegionSpec region, string cluster) => new ReportingRegionCluster(inner.Connect(region, cluster), cluster, board, time);
}
