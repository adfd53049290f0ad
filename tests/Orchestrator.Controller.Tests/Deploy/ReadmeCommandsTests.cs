using System.Text.Json;
using Orchestrator.Controller.Resources;
using Orchestrator.Controller.Tests.Support;

namespace Orchestrator.Controller.Tests.Deploy;

/// <summary>The kubectl commands of the README's "Running in the cluster" on a CaRotation, as real kubectl takes them.</summary>
public sealed class ReadmeCommandsTests(SimulationFixture fixture) : IClassFixture<SimulationFixture>
{
    [Fact]
    public async Task CaRotationCommands_GetDescribeEventsRetryAbortDelete_AreAccepted()
    {
        var kubectl = Kubectl.For(fixture);
        const string Ns = "orchestrator";
        var name = DeployManifests.LoadCaRotation(DeployFiles.PathOf(DeployFiles.CaRotationExample)).Metadata.Name;

        await kubectl.SucceedAsync("apply", "-f", DeployFiles.PathOf(DeployFiles.ControllerNamespace), "-f", DeployFiles.PathOf(DeployFiles.CaRotationDefinition));
        await kubectl.SucceedAsync("wait", "--for=condition=Established", $"crd/{CaRotationDefinition.Plural}.{CaRotationDefinition.Group}", "--timeout=30s");
        await kubectl.SucceedAsync("-n", Ns, "apply", "-f", DeployFiles.PathOf(DeployFiles.CaRotationExample));

        Assert.Matches(@"NAME\s+STATE\s+STEP\s+REGION\s+PROGRESS\s+AGE", await kubectl.SucceedAsync("-n", Ns, "get", CaRotationDefinition.ShortName));
        Assert.Contains(name, await kubectl.SucceedAsync("-n", Ns, "describe", CaRotationDefinition.ShortName, name), StringComparison.Ordinal);
        await kubectl.SucceedAsync("-n", Ns, "events", "--for", $"carotation/{name}");
        await kubectl.SucceedAsync("-n", Ns, "annotate", CaRotationDefinition.ShortName, name, "cassandra.orchestrator.io/retry=now");
        await kubectl.SucceedAsync("-n", Ns, "patch", CaRotationDefinition.ShortName, name, "--type", "merge", "-p", """{"spec":{"abort":true}}""");

        var patched = JsonSerializer.Deserialize(await kubectl.SucceedAsync("-n", Ns, "get", CaRotationDefinition.ShortName, name, "-o", "json"), CaRotationJsonContext.Default.CaRotation)!;
        Assert.True(patched.Spec.Abort);
        Assert.Contains("cassandra.orchestrator.io/retry", patched.Metadata.Annotations.Keys);

        await kubectl.SucceedAsync("-n", Ns, "delete", CaRotationDefinition.ShortName, name, "--wait=false");
        Assert.DoesNotContain(name, await kubectl.SucceedAsync("-n", Ns, "get", CaRotationDefinition.ShortName, "--ignore-not-found"), StringComparison.Ordinal);
    }
}
