using Orchestrator.Core.Rotations;
using Orchestrator.Core.Workflows;

namespace Orchestrator.Core.Tests.Workflows;

/// <summary>The plan derived from the shipped workflow, held against the seed procedure's own step lists.</summary>
public sealed class PlanBuilderTests
{
    private static readonly WorkflowDefinition Workflow = WorkflowLoader.Load(WorkflowLoader.DefaultPath);

    [Fact]
    public void Build_OneRegion_IsTheSevenStepsOfTheSingleRegionProcedure()
    {
        var plan = PlanBuilder.Build(Workflow, ["region1"]);

        // 1 generate; 2 add ca2.crt; 3 wait; 4 new CA as main, old as ca2.crt; 5 wait; 6 remove ca2.crt; 7 wait.
        Assert.Equal(
            [
                (1, "generate-ca", (string?)null),
                (2, "add-new-ca", "region1"),
                (3, "wait-rollout", "region1"),
                (4, "promote-new-ca", "region1"),
                (5, "wait-rollout", "region1"),
                (6, "remove-old-ca", "region1"),
                (7, "wait-rollout", "region1"),
            ],
            plan.Select(step => (step.Number, step.Name, step.Region)));
    }

    [Fact]
    public void Build_TwoRegions_IsTheThirteenStepsOfTheMultiRegionProcedure()
    {
        var plan = PlanBuilder.Build(Workflow, ["region1", "region2"]);

        Assert.Equal(
            [
                (1, "generate-ca", (string?)null),
                (2, "add-new-ca", "region1"),
                (3, "wait-rollout", "region1"),
                (4, "add-new-ca", "region2"),
                (5, "wait-rollout", "region2"),
                (6, "promote-new-ca", "region1"),
                (7, "wait-rollout", "region1"),
                (8, "promote-new-ca", "region2"),
                (9, "wait-rollout", "region2"),
                (10, "remove-old-ca", "region1"),
                (11, "wait-rollout", "region1"),
                (12, "remove-old-ca", "region2"),
                (13, "wait-rollout", "region2"),
            ],
            plan.Select(step => (step.Number, step.Name, step.Region)));
        Assert.Equal(
            [StepKind.GenerateCa, StepKind.UpdateSecret, StepKind.WaitRollout],
            plan.Take(3).Select(step => step.Kind));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public void Build_NRegions_HasOnePlusSixNStepsAndEveryPhaseReachesEveryRegionBeforeTheNext(int regions)
    {
        var names = Enumerable.Range(1, regions).Select(number => $"region{number}").ToList();

        var plan = PlanBuilder.Build(Workflow, names);

        Assert.Equal(1 + (6 * regions), plan.Count);
        var phaseOrder = plan.Where(step => step.Kind == StepKind.UpdateSecret).Select(step => step.Phase).ToList();
        Assert.Equal(Workflow.Phases.SelectMany(phase => Enumerable.Repeat(phase.Name, regions)), phaseOrder);
        Assert.All(plan.Where(step => step.Kind == StepKind.WaitRollout), wait =>
        {
            var update = plan[wait.Number - 2];
            Assert.Equal((StepKind.UpdateSecret, wait.Region, wait.Phase), (update.Kind, update.Region, update.Phase));
        });
    }
}
