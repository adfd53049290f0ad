namespace Orchestrator.Core.Cassandra;

/// <summary>The Secret the operator generates from the CA Secret: the node keypair, keystore and truststore.</summary>
public static class NodeTlsSecret
{
    /// <summary>The operator's default name, <c>&lt;cluster&gt;-cluster-tls-node</c>.</summary>
    public static string NameFor(string cluster) => $"{cluster}-cluster-tls-node";
}
