using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Controller.Resources;
using Orchestrator.Controller.Tests.Support;

namespace Orchestrator.Controller.Tests.Resources;

/// <summary>The schedule's CRD and example, applied with real kubectl to a simulated API server.</summary>
public sealed class CaRotationScheduleKubectlTests(SimulationFixture fixture) : IClassFixture<SimulationFixture>
{
    [Fact]
    public async Task ApplyDefinitionAndExample_SetStatus_GetShowsTheColumns()
    {
        var kubectl = Kubectl.For(fixture);
        var ns = fixture.Simulation.Options.Namespace;
        const string Name = "example-cluster-ca";

        await kubectl.SucceedAsync("apply", "-f", DeployFiles.PathOf(DeployFiles.ScheduleDefinition));
        await kubectl.SucceedAsync("wait", "--for=condition=Established", $"crd/{CaRotationScheduleDefinition.Plural}.{CaRotationDefinition.Group}", "--timeout=30s");
        Assert.Contains(
            $"carotationschedule.{CaRotationDefinition.Group}/{Name} created",
            await kubectl.SucceedAsync("apply", "--validate=strict", "-n", ns, "-f", DeployFiles.PathOf(DeployFiles.ScheduleExample)),
            StringComparison.Ordinal);

        var applied = JsonSerializer.Deserialize(await kubectl.SucceedAsync("get", CaRotationScheduleDefinition.ShortName, Name, "-n", ns, "-o", "json"), CaRotationScheduleJsonContext.Default.CaRotationSchedule)!;
        Assert.Equal("ca-{yyyyMMdd}", applied.Spec.Template.NewCa.Alias);
        Assert.Equal(("720h", 3), (applied.Spec.RenewBefore, applied.Spec.HistoryLimit));

        var status = new CaRotationScheduleStatus(
            ObservedGeneration: 1,
            Regions: [new RegionCaStatus("eu-west", "O=ca1", "AA:BB", "2036-01-01T00:00:00Z"), new RegionCaStatus("us-east", Problem: "no Secret")],
            NextRenewalTime: "2035-12-02T00:00:00Z",
            CurrentRotation: "example-cluster-ca-203512020000",
            LastRotation: "example-cluster-ca-202512020000",
            LastResult: "Succeeded",
            Conditions: [new ConditionStatus("Ready", "True", 1, "2026-01-01T00:00:00Z", "Watching", "fine")],
            Message: "fine");
        var patch = new JsonObject { ["status"] = JsonSerializer.SerializeToNode(status, CaRotationScheduleJsonContext.Default.CaRotationScheduleStatus) };
        await kubectl.SucceedAsync("patch", CaRotationScheduleDefinition.Plural, Name, "-n", ns, "--type", "merge", "--subresource", "status", "-p", patch.ToJsonString());

        var table = await kubectl.SucceedAsync("get", CaRotationScheduleDefinition.Plural, "-n", ns);
        Assert.Matches(@"NAME\s+NEXT RENEWAL\s+CURRENT\s+LAST\s+AGE", table);
        Assert.Matches($@"{Name}\s+2035-12-02T00:00:00Z\s+example-cluster-ca-203512020000\s+example-cluster-ca-202512020000\s+\d+s", table);

        var read = JsonSerializer.Deserialize(await kubectl.SucceedAsync("get", CaRotationScheduleDefinition.Plural, Name, "-n", ns, "-o", "json"), CaRotationScheduleJsonContext.Default.CaRotationSchedule)!;
        Assert.Equal(status, read.Status);
    }
}
