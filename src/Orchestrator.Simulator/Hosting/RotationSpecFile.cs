using System.Text;

namespace Orchestrator.Simulator.Hosting;

/// <summary>Writes <c>rotation.yaml</c>: a rotation spec for the simulated regions, ready for <c>start-rotation</c>.</summary>
internal static class RotationSpecFile
{
    public static string Render(SimulatorOptions options, IEnumerable<SimulatedRegion> regions)
    {
        var text = new StringBuilder()
            .Append("# A rotation of the simulated cluster's CA to a new CA \"").Append(options.NewCaAlias).Append("\".\n")
            .Append("cluster: ").Append(options.Cluster).Append('\n')
            .Append("namespace: ").Append(options.Namespace).Append('\n')
            .Append("caSecret: ").Append(options.CaSecret).Append('\n')
            .Append("extraCaKey: ca2.crt\n")
            .Append("newCa:\n")
            .Append("  alias: ").Append(options.NewCaAlias).Append('\n')
            .Append("  keySize: 4096\n")
            .Append("  validityDays: 3650\n")
            .Append("regions:\n");
        foreach (var region in regions)
        {
            text.Append("  - name: ").Append(region.Name).Append('\n')
                .Append("    kubeconfig: ./kubeconfig\n")
                .Append("    context: ").Append(region.Name).Append('\n');
        }

        return text.Append("rollout:\n  timeout: 10m\n").ToString();
    }
}
