namespace Orchestrator.Core.Cassandra;

/// <summary>The labels the operator puts on a CassandraCluster's StatefulSets and pods.</summary>
public static class CassandraLabels
{
    public const string Instance = "cassandra-cluster-instance";
    public const string Component = "cassandra-cluster-component";
    public const string Datacenter = "cassandra-cluster-dc";

    /// <summary>Every Cassandra StatefulSet and pod of a cluster in a region, across its datacenters.</summary>
    public static string Selector(string cluster) => $"{Instance}={cluster},{Component}=cassandra";
}
