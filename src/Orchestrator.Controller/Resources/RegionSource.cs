namespace Orchestrator.Controller.Resources;

/// <summary>One region: a kubeconfig from a Secret and its context, or, without the Secret, the controller's own cluster.</summary>
/// <param name="Namespace">The CassandraCluster's namespace there; the spec's namespace when absent.</param>
/// <param name="MaintenanceWindows">This region's own windows, in place of the spec's; absent when it has none.</param>
public sealed record RegionSource(
    string Name,
    string? Namespace,
    string? Context,
    SecretKeyReference? KubeconfigSecretRef,
    IReadOnlyList<MaintenanceWindowSource>? MaintenanceWindows = null)
{
    /// <summary>Records compare lists by reference; a region read back equals the one written.</summary>
    public bool Equals(RegionSource? other) =>
        other is not null
        && Name == other.Name
        && Namespace == other.Namespace
        && Context == other.Context
        && KubeconfigSecretRef == other.KubeconfigSecretRef
        && (MaintenanceWindows ?? []).SequenceEqual(other.MaintenanceWindows ?? []);

    public override int GetHashCode() => HashCode.Combine(Name, Namespace, Context);
}
