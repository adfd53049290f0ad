using System.Text;
using Orchestrator.Core.Cluster;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Rotations;
using Orchestrator.Core.Specs;
using Orchestrator.Core.Steps;
using Orchestrator.Core.Tests.Support;

namespace Orchestrator.Core.Tests.Engine;

public sealed class RollbackPlannerTests
{
    [Fact]
    public async Task PlanAsync_RegionOnePromotedRegionTwoAdded_DemotesThenRemovesInReverseRegionOrder()
    {
        var rotation = Samples.Rotation("region1", "region2");
        rotation.NewCa = Samples.NewCa;
        MarkDone(rotation, 5);
        var connector = new FixedSecrets(rotation, new() { ["region1"] = 1, ["region2"] = 0 });

        using var clusters = new RegionClusters(connector, rotation.Spec);
        await RollbackPlanner.PlanAsync(rotation, clusters, TestContext.Current.CancellationToken);

        Assert.All(rotation.Steps.Take(13).Skip(5), step => Assert.Equal(StepStatus.Skipped, step.Status));
        Assert.Equal(
            [("undo-promote-new-ca", "region1"), ("wait-rollout", "region1"), ("undo-add-new-ca", "region2"), ("wait-rollout", "region2"), ("undo-add-new-ca", "region1"), ("wait-rollout", "region1")],
            rotation.Steps.Skip(13).Select(step => (step.Name, step.Region!)));
        Assert.All(rotation.Steps.Skip(13), step => Assert.True(step.Undo));
        Assert.Equal(14, rotation.Steps[13].Number);
        Assert.Null(rotation.TargetOf(rotation.Steps[15]));
        Assert.Equal("add-new-ca", rotation.TargetOf(rotation.Steps[13])!.Name);
    }

    [Fact]
    public async Task PlanAsync_NothingWrittenYet_NoUndoSteps()
    {
        var rotation = Samples.Rotation("region1");
        rotation.NewCa = Samples.NewCa;
        MarkDone(rotation, 1);
        using var clusters = new RegionClusters(new FixedSecrets(rotation, new() { ["region1"] = -1 }), rotation.Spec);

        await RollbackPlanner.PlanAsync(rotation, clusters, TestContext.Current.CancellationToken);

        Assert.Equal(7, rotation.Steps.Count);
        Assert.Null(rotation.NextStep());
    }

    [Fact]
    public async Task PlanAsync_SecretHoldsSomethingElse_Refused()
    {
        var rotation = Samples.Rotation("region1");
        rotation.NewCa = Samples.NewCa;
        using var clusters = new RegionClusters(new FixedSecrets(rotation, new() { ["region1"] = 99 }), rotation.Spec);

        var refusal = await Assert.ThrowsAsync<StepFailedException>(() => RollbackPlanner.PlanAsync(rotation, clusters, TestContext.Current.CancellationToken));

        Assert.Contains("holds content this rotation did not write", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(7, rotation.Steps.Count);
    }

    [Fact]
    public void Refusal_RemovalStartedAnywhere_RefusedSayingToRunANewRotation()
    {
        var rotation = Samples.Rotation("region1", "region2");
        Assert.Null(RollbackPlanner.Refusal(rotation));
        rotation.Steps.Single(step => step.Name == "remove-old-ca" && step.Region == "region1").Attempts = 1;

        Assert.Contains("run a new rotation instead", RollbackPlanner.Refusal(rotation), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RotationState.Succeeded)]
    [InlineData(RotationState.RolledBack)]
    public void Refusal_FinalState_Refused(RotationState state)
    {
        var rotation = Samples.Rotation("region1");
        rotation.State = state;

        Assert.NotNull(RollbackPlanner.Refusal(rotation));
    }

    private static void MarkDone(Rotation rotation, int steps)
    {
        foreach (var step in rotation.Steps.Take(steps))
        {
            step.Status = StepStatus.Succeeded;
        }
    }

    /// <summary>A connector whose regions' CA Secrets hold the content of a given phase (-1: the start; 99: something else).</summary>
    private sealed class FixedSecrets(Rotation rotation, Dictionary<string, int> phases) : IClusterConnector
    {
        public IRegionCluster Connect(RegionSpec region, string cluster) => new Region(rotation, region.Name, phases[region.Name]);

        private sealed class Region(Rotation rotation, string name, int phase) : UnusedRegion(name)
        {
            public override Task<CaSecret> ReadSecretAsync(string secret, CancellationToken cancellationToken)
            {
                var content = new SecretContent(rotation.OldCa!, rotation.NewCa!, "ca2.crt");
                var data = phase switch
                {
                    99 => new Dictionary<string, byte[]> { ["ca.crt"] = Encoding.UTF8.GetBytes(Samples.StrangerCa.CertificatePem) },
                    -1 => content.For(null, new Dictionary<string, byte[]>()),
                    _ => content.For(rotation.Workflow.Phases[phase], new Dictionary<string, byte[]>()),
                };
                return Task.FromResult(new CaSecret(secret, "anton", "1", data, new Dictionary<string, string>()));
            }
        }
    }
}
