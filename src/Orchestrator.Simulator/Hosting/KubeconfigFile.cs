using System.Text;

namespace Orchestrator.Simulator.Hosting;

/// <summary>Writes the kubeconfig through which kubectl and the orchestrator reach the simulated regions.</summary>
internal static class KubeconfigFile
{
    public static string Render(IEnumerable<SimulatedRegion> regions, string token, string ns)
    {
        var clusters = new StringBuilder();
        var users = new StringBuilder();
        var contexts = new StringBuilder();
        string? first = null;
        foreach (var region in regions)
        {
            first ??= region.Name;
            clusters.Append("- name: ").Append(region.Name).Append('\n')
                .Append("  cluster:\n")
                .Append("    server: ").Append(region.Server!.GetLeftPart(UriPartial.Authority)).Append('\n')
                .Append("    certificate-authority-data: ").Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(region.ServingAuthorityPem))).Append('\n');
            users.Append("- name: ").Append(region.Name).Append("-admin\n")
                .Append("  user:\n")
                .Append("    token: ").Append(token).Append('\n');
            contexts.Append("- name: ").Append(region.Name).Append('\n')
                .Append("  context:\n")
                .Append("    cluster: ").Append(region.Name).Append('\n')
                .Append("    user: ").Append(region.Name).Append("-admin\n")
                .Append("    namespace: ").Append(ns).Append('\n');
        }

        return new StringBuilder()
            .Append("apiVersion: v1\nkind: Config\npreferences: {}\n")
            .Append("current-context: ").Append(first).Append('\n')
            .Append("clusters:\n").Append(clusters)
            .Append("users:\n").Append(users)
            .Append("contexts:\n").Append(contexts)
            .ToString();
    }
}
