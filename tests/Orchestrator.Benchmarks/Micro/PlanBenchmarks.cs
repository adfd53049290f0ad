using BenchmarkDotNet.Attributes;
using Orchestrator.Core.Workflows;

namespace Orchestrator.Benchmarks.Micro;

/// <summary>Deriving the steps from the workflow: reading the workflow file's text (with its trust proof) and building the plan.</summary>
[Config(typeof(QuickInProcessConfig))]
public class PlanBenchmarks
{
    private string _workflowText = null!;
    private WorkflowDefinition _workflow = null!;
    private List<string> _regions = null!;

    [Params(1, 2, 20)]
    public int Regions { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _workflowText = File.ReadAllText(WorkflowLoader.DefaultPath);
        _workflow = WorkflowLoader.Parse(_workflowText, WorkflowLoader.DefaultPath);
        _regions = Enumerable.Range(1, Regions).Select(number => $"region{number}").ToList();
    }

    [Benchmark]
    public IReadOnlyList<PlannedStep> BuildPlan() => PlanBuilder.Build(_workflow, _regions);

    [Benchmark]
    public IReadOnlyList<PlannedStep> LoadWorkflowAndBuildPlan() =>
        PlanBuilder.Build(WorkflowLoader.Parse(_workflowText, WorkflowLoader.DefaultPath), _regions);
}
