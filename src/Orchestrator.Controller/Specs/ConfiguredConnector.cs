using k8s;
using Orchestrator.Core.Cluster;
using Orchestrator.Core.Specs;
using Orchestrator.Kubernetes;

namespace Orchestrator.Controller.Specs;

/// <summary>
/// Opens each region from the configuration read for it (a kubeconfig Secret, or the controller's own cluster), built
/// afresh for each connection: connecting takes the configuration over (its CA moves into the connection's checks).
/// </summary>
internal sealed class ConfiguredConnector(KubernetesClusterConnector connector, IReadOnlyDictionary<string, Func<KubernetesClientConfiguration>> configurations) : IClusterConnector
{
    public IRegionCluster Connect(RegionSpec region, string cluster)
    {
        ArgumentNullException.ThrowIfNull(region);
        return connector.Connect(region, cluster, configurations[region.Name]());
    }
}
