using k8s;
using k8s.Models;
using Orchestrator.Controller.Resources;
using Orchestrator.Controller.Tests.Support;

namespace Orchestrator.Controller.Tests.Deploy;

/// <summary>samples/deploy through real kubectl: built with kustomize, and applied to a simulated API server.</summary>
public sealed class DeployKubectlTests(SimulationFixture fixture) : IClassFixture<SimulationFixture>
{
    // In the order a user applies them (README, "Running in the cluster"): each after what it needs.
    private static readonly string[] ApplyOrder =
    [
        DeployFiles.ControllerNamespace,
        DeployFiles.CaRotationDefinition,
        DeployFiles.ScheduleDefinition,
        DeployFiles.ServiceAccount,
        DeployFiles.Rbac,
        DeployFiles.KubeconfigSecretExample,
        DeployFiles.Deployment,
        DeployFiles.CaRotationExample,
        DeployFiles.ScheduleExample,
    ];

    [Fact]
    public void ApplyOrder_HasEveryManifest()
    {
        Assert.Equal(DeployFiles.Manifests, ApplyOrder.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Kustomize_Build_IsTheInstallationFiles()
    {
        var built = DeployManifests.Parse(await Kubectl.For(fixture).SucceedAsync("kustomize", DeployFiles.Directory));

        var listed = DeployManifests.KustomizationResources().SelectMany(file => DeployManifests.Load(DeployFiles.PathOf(file)));
        Assert.Equal(Identities(listed), Identities(built));
    }

    [Fact]
    public async Task ApplyAll_InOrder_EveryKindTheServerServesIsAccepted()
    {
        var kubectl = Kubectl.For(fixture);
        var controllerNamespace = DeployManifests.Single<V1Namespace>(DeployFiles.ControllerNamespace).Metadata.Name;
        var applied = new List<string>();
        var notServed = new List<string>();
        foreach (var file in ApplyOrder)
        {
            var kinds = KindsOf(file);
            var served = await ServedKindsAsync(kubectl);
            var missing = kinds.Where(kind => !served.Contains(kind)).ToList();
            if (missing.Count > 0)
            {
                notServed.Add($"{file} ({string.Join(", ", missing)})");
                continue;
            }

            var output = await kubectl.SucceedAsync("apply", "--validate=strict", "-n", controllerNamespace, "-f", DeployFiles.PathOf(file));
            Assert.DoesNotContain("unchanged", output, StringComparison.Ordinal);
            if (file == DeployFiles.CaRotationDefinition)
            {
                await kubectl.SucceedAsync("wait", "--for=condition=Established", $"crd/{CaRotationDefinition.Plural}.{CaRotationDefinition.Group}", "--timeout=30s");
            }

            if (file == DeployFiles.ScheduleDefinition)
            {
                await kubectl.SucceedAsync("wait", "--for=condition=Established", $"crd/{CaRotationScheduleDefinition.Plural}.{CaRotationDefinition.Group}", "--timeout=30s");
            }

            await kubectl.SucceedAsync("get", "-n", controllerNamespace, "-f", DeployFiles.PathOf(file));
            applied.Add(file);
        }

        // What must reach the server whatever else it serves: the controller's namespace, its resource and the examples.
        Assert.Subset(applied.ToHashSet(), new HashSet<string> { DeployFiles.ControllerNamespace, DeployFiles.CaRotationDefinition, DeployFiles.ScheduleDefinition, DeployFiles.KubeconfigSecretExample, DeployFiles.CaRotationExample, DeployFiles.ScheduleExample });
        if (notServed.Count > 0)
        {
            TestContext.Current.AddWarning($"the simulated API server does not serve the kinds of {string.Join("; ", notServed)}: those files were only parsed strictly");
        }
    }

    /// <summary>apiVersion/kind of every object in a file.</summary>
    private static HashSet<string> KindsOf(string file) =>
        file == DeployFiles.CaRotationExample ? [$"{CaRotationDefinition.ApiVersion}/{CaRotationDefinition.Kind}"]
            : file == DeployFiles.ScheduleExample ? [$"{CaRotationDefinition.ApiVersion}/{CaRotationScheduleDefinition.Kind}"]
            : DeployManifests.Load(DeployFiles.PathOf(file)).Cast<IKubernetesObject>().Select(value => $"{value.ApiVersion}/{value.Kind}").ToHashSet();

    /// <summary>apiVersion/kind of every kind the server announces now (the columns end APIVERSION NAMESPACED KIND).</summary>
    private static async Task<HashSet<string>> ServedKindsAsync(Kubectl kubectl)
    {
        var lines = (await kubectl.SucceedAsync("api-resources", "--no-headers")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return lines.Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(columns => $"{columns[^3]}/{columns[^1]}").ToHashSet();
    }

    private static List<string> Identities(IEnumerable<object> objects) =>
    [
        .. objects.Cast<IKubernetesObject<V1ObjectMeta>>()
            .Select(value => $"{value.ApiVersion}/{value.Kind} {value.Metadata.NamespaceProperty}/{value.Metadata.Name}")
            .Order(StringComparer.Ordinal),
    ];
}
