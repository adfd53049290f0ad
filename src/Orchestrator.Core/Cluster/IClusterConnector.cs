using Orchestrator.Core.Specs;

namespace Orchestrator.Core.Cluster;

/// <summary>Opens a region's API from its kubeconfig and context.</summary>
public interface IClusterConnector
{
    /// <summary>
    /// A client for the region's CassandraCluster <paramref name="cluster"/> (its pods and StatefulSets are selected by
    /// the operator's labels). <see cref="ClusterException"/> with <see cref="ClusterFailure.Configuration"/> when the
    /// kubeconfig cannot be read or lacks the context.
    /// </summary>
    IRegionCluster Connect(RegionSpec region, string cluster);
}
