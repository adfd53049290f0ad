using System.Text;
using k8s;
using k8s.Models;
using Orchestrator.Controller.Tests.Support;

namespace Orchestrator.Controller.Tests.Deploy;

/// <summary>The remote region's kubeconfig Secret: the one the example CaRotation names, placeholders only, and usable once filled in.</summary>
public sealed class KubeconfigSecretExampleTests(SimulationFixture fixture) : IClassFixture<SimulationFixture>
{
    private const string CaPlaceholder = "US_EAST_API_SERVER_CA_BASE64";
    private const string TokenPlaceholder = "US_EAST_SERVICE_ACCOUNT_TOKEN";
    private const string ServerPlaceholder = "https://us-east.k8s.example.com:6443";

    private static readonly V1Secret Secret = DeployManifests.Single<V1Secret>(DeployFiles.KubeconfigSecretExample);

    [Fact]
    public void Secret_IsTheOneTheExampleRegionNames_InTheControllersNamespace()
    {
        var region = Assert.Single(DeployManifests.LoadCaRotation(DeployFiles.PathOf(DeployFiles.CaRotationExample)).Spec.Regions, region => region.KubeconfigSecretRef is not null);
        Assert.Equal(region.KubeconfigSecretRef!.Name, Secret.Metadata.Name);
        Assert.Equal([region.KubeconfigSecretRef.Key], Secret.StringData.Keys);
        Assert.Equal(DeployManifests.Single<V1Namespace>(DeployFiles.ControllerNamespace).Metadata.Name, Secret.Metadata.NamespaceProperty);

        var kubeconfig = KubernetesYaml.Deserialize<k8s.KubeConfigModels.K8SConfiguration>(Secret.StringData[region.KubeconfigSecretRef.Key], strict: true);
        Assert.Contains(kubeconfig.Contexts, context => context.Name == region.Context);
    }

    [Fact]
    public void Kubeconfig_AsItStands_IsRefused()
    {
        // The CA placeholder is not base64: a Secret applied unedited fails at once rather than with a bad credential.
        Assert.Throws<FormatException>(() => Client(Kubeconfig()));
    }

    [Fact]
    public async Task Kubeconfig_FilledIn_ReachesTheServer()
    {
        var region = fixture.Simulation.Regions.Single();
        var filled = Kubeconfig()
            .Replace(ServerPlaceholder, region.Server!.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal)
            .Replace(CaPlaceholder, Convert.ToBase64String(Encoding.UTF8.GetBytes(region.ServingAuthorityPem)), StringComparison.Ordinal)
            .Replace(TokenPlaceholder, fixture.Simulation.BearerToken, StringComparison.Ordinal);

        using var client = Client(filled);
        var secrets = await client.CoreV1.ListNamespacedSecretAsync(fixture.Simulation.Options.Namespace, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Contains(secrets.Items, secret => secret.Metadata.Name == fixture.Simulation.Options.CaSecret);
    }

    private static string Kubeconfig()
    {
        var text = Secret.StringData.Values.Single();
        foreach (var placeholder in new[] { CaPlaceholder, TokenPlaceholder, ServerPlaceholder })
        {
            Assert.Contains(placeholder, text, StringComparison.Ordinal);
        }

        return text;
    }

    private static k8s.Kubernetes Client(string kubeconfig)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(kubeconfig));
        var context = DeployManifests.LoadCaRotation(DeployFiles.PathOf(DeployFiles.CaRotationExample)).Spec.Regions.Single(region => region.KubeconfigSecretRef is not null).Context;
        return new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigObject(KubernetesClientConfiguration.LoadKubeConfig(stream), context));
    }
}
