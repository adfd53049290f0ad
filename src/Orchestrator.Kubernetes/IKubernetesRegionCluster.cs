using k8s;
using Orchestrator.Core.Cluster;

namespace Orchestrator.Kubernetes;

/// <summary>A region reached through the official client, which it lends for calls the port has no words for (Events).</summary>
public interface IKubernetesRegionCluster : IRegionCluster
{
    /// <summary>The region's client: its credentials, TLS checks and request handlers; it lives as long as the region's cluster.</summary>
    IKubernetes Api { get; }
}
