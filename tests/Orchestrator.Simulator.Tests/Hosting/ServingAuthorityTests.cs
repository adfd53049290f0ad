using System.Security.Authentication;
using k8s;
using Orchestrator.Simulator.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.Simulator.Tests.Hosting;

/// <summary>
/// Each region serves under a CA of its own, as separate clusters do: the CA in one region's kubeconfig entry does
/// not vouch for another region's server, so a kubeconfig that pairs them is refused at the TLS handshake.
/// </summary>
public sealed class ServingAuthorityTests(SimulationFixture fixture) : IClassFixture<SimulationFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private Uri Region2Server => fixture.Simulation.Regions.Single(region => region.Name == "region2").Server!;

    [Fact]
    public async Task KubernetesClient_Region1EntryPointedAtRegion2Server_RefusedByTheTlsCheck()
    {
        var config = await KubernetesClientConfiguration.LoadKubeConfigAsync(new FileInfo(fixture.Simulation.KubeconfigPath));
        config.Clusters.Single(cluster => cluster.Name == "region1").ClusterEndpoint.Server = Region2Server.GetLeftPart(UriPartial.Authority);
        using var crossed = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigObject(config, currentContext: "region1"));

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => crossed.CoreV1.ListNamespaceAsync(cancellationToken: Token));

        Assert.IsType<AuthenticationException>(refused.InnerException);
        using var own = fixture.Client("region2");
        await own.CoreV1.ListNamespaceAsync(cancellationToken: Token);
    }

    [Fact]
    public async Task Kubectl_Region1EntryPointedAtRegion2Server_RefusesTheCertificate()
    {
        var executable = ExternalTool.RequirePath("kubectl");
        var path = Path.Combine(fixture.Directory, "kubeconfig-crossed");
        File.Copy(fixture.Simulation.KubeconfigPath, path, overwrite: true);
        var kubectl = new Support.Kubectl(executable, path, Path.Combine(fixture.Directory, "kubectl-cache-crossed"));
        await kubectl.SucceedAsync("region1", "config", "set-cluster", "region1", "--server=" + Region2Server.GetLeftPart(UriPartial.Authority));

        var refused = await kubectl.RunAsync("region1", null, "get", "namespaces");

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("certificate signed by unknown authority", refused.StandardError, StringComparison.Ordinal);
        await kubectl.SucceedAsync("region2", "get", "namespaces");
    }
}
