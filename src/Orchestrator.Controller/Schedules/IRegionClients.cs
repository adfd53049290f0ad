using Orchestrator.Controller.Resources;

namespace Orchestrator.Controller.Schedules;

/// <summary>Clients of a schedule's regions, made as a CaRotation's regions are reached: a kubeconfig Secret, or the controller's own cluster.</summary>
public interface IRegionClients
{
    /// <param name="field">The region's place in the spec (<c>spec.template.regions[1]</c>), for messages.</param>
    /// <exception cref="Orchestrator.Core.Specs.SpecException">The kubeconfig Secret is missing, unreadable or not a kubeconfig.</exception>
    Task<RegionConnection> ConnectAsync(RegionSource region, string field, CancellationToken cancellationToken);
}
