namespace Orchestrator.Kubernetes.Regions;

/// <summary>Where a region's Cassandra objects are: the API server, the namespace and the CassandraCluster's name.</summary>
internal sealed record RegionTarget(string Region, string Namespace, string Cluster, Uri Server)
{
    /// <summary>The labels the operator puts on the cluster's StatefulSets and their pods.</summary>
    public string CassandraSelector => $"cassandra-cluster-instance={Cluster},cassandra-cluster-component=cassandra";

    public static string NameSelector(string name) => $"metadata.name={name}";
}
