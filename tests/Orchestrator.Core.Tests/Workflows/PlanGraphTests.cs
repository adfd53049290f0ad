using Orchestrator.Core.Workflows;

namespace Orchestrator.Core.Tests.Workflows;

public sealed class PlanGraphTests
{
    private static readonly WorkflowDefinition Workflow = WorkflowLoader.Load(WorkflowLoader.DefaultPath);

    [Fact]
    public void ToMermaid_TwoRegions_EveryStepInOrderInsideItsPhase()
    {
        var mermaid = PlanGraph.ToMermaid(Workflow, PlanBuilder.Build(Workflow, ["east", "west"]));

        Assert.Equal(
            """
            flowchart TD
                step1["1 generate-ca"]
                subgraph phase1["add-new-ca"]
                    step2["2 add-new-ca east"]
                    step3["3 wait-rollout east"]
                    step4["4 add-new-ca west"]
                    step5["5 wait-rollout west"]
                end
                subgraph phase2["promote-new-ca"]
                    step6["6 promote-new-ca east"]
                    step7["7 wait-rollout east"]
                    step8["8 promote-new-ca west"]
                    step9["9 wait-rollout west"]
                end
                subgraph phase3["remove-old-ca"]
                    step10["10 remove-old-ca east"]
                    step11["11 wait-rollout east"]
                    step12["12 remove-old-ca west"]
                    step13["13 wait-rollout west"]
                end
                step1 --> step2
                step2 --> step3
                step3 --> step4
                step4 --> step5
                step5 --> step6
                step6 --> step7
                step7 --> step8
                step8 --> step9
                step9 --> step10
                step10 --> step11
                step11 --> step12
                step12 --> step13

            """.ReplaceLineEndings("\n"),
            mermaid);
    }

    [Fact]
    public void ToDot_OneRegion_SevenStepsChainedWithAClusterPerPhase()
    {
        var dot = PlanGraph.ToDot(Workflow, PlanBuilder.Build(Workflow, ["region1"]));

        Assert.StartsWith("digraph \"ca-rotation\" {\n", dot, StringComparison.Ordinal);
        Assert.EndsWith("}\n", dot, StringComparison.Ordinal);
        Assert.Contains("    step1 [label=\"1 generate-ca\"];\n", dot, StringComparison.Ordinal);
        Assert.Contains("    subgraph \"cluster_promote-new-ca\" {\n        label=\"promote-new-ca\";\n        step4 [label=\"4 promote-new-ca\\nregion1\"];\n        step5 [label=\"5 wait-rollout\\nregion1\"];\n    }\n", dot, StringComparison.Ordinal);
        var edges = dot.Split('\n').Where(line => line.Contains(" -> ", StringComparison.Ordinal)).Select(line => line.Trim()).ToList();
        Assert.Equal(Enumerable.Range(1, 6).Select(number => $"step{number} -> step{number + 1};"), edges);
    }

    [Fact]
    public void ToDotAndToMermaid_QuotesInNames_StayInsideTheirLabels()
    {
        var workflow = WorkflowLoader.Parse(
            "name: say \"hi\"\nphases:\n  - name: add \"new\"\n    main: old\n    extra: new\n  - name: promote\n    main: new\n    extra: old\n  - name: remove\n    main: new\n",
            "test.yaml");

        var steps = PlanBuilder.Build(workflow, ["r1"]);

        Assert.Contains("digraph \"say \\\"hi\\\"\" {", PlanGraph.ToDot(workflow, steps), StringComparison.Ordinal);
        Assert.Contains("subgraph phase1[\"add #quot;new#quot;\"]", PlanGraph.ToMermaid(workflow, steps), StringComparison.Ordinal);
    }
}
