using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Controller.Resources;
using Orchestrator.Controller.Tests.Support;

namespace Orchestrator.Controller.Tests.Resources;

/// <summary>The CRD and the example CaRotation, applied with real kubectl to a simulated API server.</summary>
public sealed class CaRotationKubectlTests(SimulationFixture fixture) : IClassFixture<SimulationFixture>
{
    [Fact]
    public async Task ApplyDefinitionAndExample_SetStatus_GetShowsTheColumns()
    {
        var kubectl = Kubectl.For(fixture);
        var ns = fixture.Simulation.Options.Namespace;
        const string Name = "example-cluster-ca2";

        await kubectl.SucceedAsync("apply", "-f", DeployFiles.PathOf(DeployFiles.CaRotationDefinition));
        await kubectl.SucceedAsync("wait", "--for=condition=Established", $"crd/{CaRotationDefinition.Plural}.{CaRotationDefinition.Group}", "--timeout=30s");
        Assert.Contains($"carotation.{CaRotationDefinition.Group}/{Name} created", await kubectl.SucceedAsync("apply", "-n", ns, "-f", DeployFiles.PathOf(DeployFiles.CaRotationExample)), StringComparison.Ordinal);

        var applied = JsonSerializer.Deserialize(await kubectl.SucceedAsync("get", CaRotationDefinition.ShortName, Name, "-n", ns, "-o", "json"), CaRotationJsonContext.Default.CaRotation)!;
        Assert.Equal(["eu-west", "us-east"], applied.Spec.Regions.Select(region => region.Name));
        Assert.Null(applied.Spec.Regions[0].KubeconfigSecretRef);
        Assert.Equal(new SecretKeyReference("us-east-kubeconfig", "kubeconfig"), applied.Spec.Regions[1].KubeconfigSecretRef);
        Assert.Equal("ca2", applied.Spec.NewCa.Alias);

        var status = Examples.Status() with { ProgressText = "1/3 dc1" };
        var patch = new JsonObject { ["status"] = JsonSerializer.SerializeToNode(status, CaRotationJsonContext.Default.CaRotationStatus) };
        await kubectl.SucceedAsync("patch", CaRotationDefinition.Plural, Name, "-n", ns, "--type", "merge", "--subresource", "status", "-p", patch.ToJsonString());

        var table = await kubectl.SucceedAsync("get", CaRotationDefinition.Plural, "-n", ns);
        Assert.Matches(@"NAME\s+STATE\s+STEP\s+REGION\s+PROGRESS\s+AGE", table);
        Assert.Matches($@"{Name}\s+Running\s+9/13\s+us-east\s+1/3 dc1\s+\d+s", table);

        var read = JsonSerializer.Deserialize(await kubectl.SucceedAsync("get", CaRotationDefinition.Plural, Name, "-n", ns, "-o", "json"), CaRotationJsonContext.Default.CaRotation)!;
        Assert.Equal(status, read.Status);
    }
}
