using System.Text;
using k8s;
using k8s.KubeConfigModels;

namespace Orchestrator.Simulator.Hosting;

/// <summary>The kubeconfig through which kubectl and the orchestrator reach the simulated regions, in the client's own model.</summary>
internal static class SimulatorKubeconfig
{
    public static string Render(IReadOnlyList<SimulatedRegion> regions, string token, string ns) =>
        KubernetesYaml.Serialize(new K8SConfiguration
        {
            ApiVersion = "v1",
            Kind = "Config",
            CurrentContext = regions[0].Name,
            Clusters = regions.Select(region => new Cluster
            {
                Name = region.Name,
                ClusterEndpoint = new ClusterEndpoint
                {
                    Server = region.Server!.GetLeftPart(UriPartial.Authority),
                    CertificateAuthorityData = Convert.ToBase64String(Encoding.UTF8.GetBytes(region.ServingAuthorityPem)),
                },
            }).ToList(),
            Users = regions.Select(region => new User { Name = $"{region.Name}-admin", UserCredentials = new UserCredentials { Token = token } }).ToList(),
            Contexts = regions.Select(region => new Context
            {
                Name = region.Name,
                ContextDetails = new ContextDetails { Cluster = region.Name, User = $"{region.Name}-admin", Namespace = ns },
            }).ToList(),
        });
}
