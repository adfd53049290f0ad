namespace Orchestrator.Controller.Resources;

/// <summary>One region: a kubeconfig from a Secret and its context, or, without the Secret, the controller's own cluster.</summary>
/// <param name="Namespace">The CassandraCluster's namespace there; the spec's namespace when absent.</param>
public sealed record RegionSource(string Name, string? Namespace, string? Context, SecretKeyReference? KubeconfigSecretRef);
