using Orchestrator.Core.Cluster;
using Orchestrator.Core.Specs;

namespace Orchestrator.Core.Tests.Support;

/// <summary>For a step that must not touch any region: connecting fails the test.</summary>
internal sealed class UnusedConnector : IClusterConnector
{
    public IRegionCluster Connect(RegionSpec region, string cluster) =>
        throw new InvalidOperationException($"region {region.Name} was connected to by a step that needs none");
}
