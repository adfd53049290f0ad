using Orchestrator.Core.Gates;

namespace Orchestrator.Core.Specs;

/// <summary>One Kubernetes cluster of the rotation: how to reach it and where its CassandraCluster lives.</summary>
/// <param name="Name">The region's name in the plan, status and logs.</param>
/// <param name="Kubeconfig">Absolute path of the kubeconfig file.</param>
/// <param name="Context">The kubeconfig context; null for the file's current context.</param>
/// <param name="Namespace">The namespace of the CA Secret and the StatefulSets in this region.</param>
public sealed record RegionSpec(string Name, string Kubeconfig, string? Context, string Namespace)
{
    /// <summary>This region's own maintenance windows, in place of the rotation's; null when it has none.</summary>
    public IReadOnlyList<MaintenanceWindow>? MaintenanceWindows { get; init; }
}
