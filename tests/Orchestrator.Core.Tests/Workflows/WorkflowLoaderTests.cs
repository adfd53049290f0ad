using Orchestrator.Core.Workflows;

namespace Orchestrator.Core.Tests.Workflows;

public sealed class WorkflowLoaderTests
{
    [Fact]
    public void Load_ShippedWorkflow_HasTheProceduresThreePhases()
    {
        var workflow = WorkflowLoader.Load(WorkflowLoader.DefaultPath);

        Assert.Equal(
            [("add-new-ca", CaSource.Old, (CaSource?)CaSource.New), ("promote-new-ca", CaSource.New, CaSource.Old), ("remove-old-ca", CaSource.New, null)],
            workflow.Phases.Select(phase => (phase.Name, phase.Main, phase.Extra)));
    }

    [Theory]
    [InlineData("promote first", "  - { name: promote, main: new, extra: old }\n  - { name: remove, main: new }", "does not trust yet")]
    [InlineData("drop the old CA while nodes still present it", "  - { name: add, main: old, extra: new }\n  - { name: remove, main: new }", "does not trust the old CA")]
    [InlineData("stop halfway", "  - { name: add, main: old, extra: new }\n  - { name: promote, main: new, extra: old }", "the last phase must leave the new CA alone")]
    [InlineData("extra equal to main", "  - { name: add, main: old, extra: old }", "extra must name the other CA")]
    [InlineData("unknown field", "  - { name: add, main: old, extra: new, wait: false }", "unknown field")]
    [InlineData("unknown source", "  - { name: add, main: older }", "must be old or new")]
    [InlineData("same name twice", "  - { name: add, main: old, extra: new }\n  - { name: add, main: new, extra: old }\n  - { name: remove, main: new }", "appears twice")]
    public void Parse_UnsafeOrMalformedPhases_RefusedWithReason(string why, string phases, string expected)
    {
        var failure = Assert.Throws<WorkflowException>(() => WorkflowLoader.Parse($"name: test\nphases:\n{phases}\n", "test.yaml"));

        Assert.True(failure.Message.Contains(expected, StringComparison.Ordinal), $"{why}: {failure.Message}");
    }
}
