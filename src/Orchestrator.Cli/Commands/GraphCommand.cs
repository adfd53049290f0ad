using System.CommandLine;
using Orchestrator.Core.Rotations;
using Orchestrator.Core.Specs;
using Orchestrator.Core.Workflows;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// <c>orchestrator graph</c>: the rotation lifecycle as its state machine describes itself, or with <c>--spec</c> the
/// steps that spec's rotation would take, derived from the workflow alone (no cluster is contacted).
/// </summary>
internal static class GraphCommand
{
    public const string Dot = "dot";
    public const string Mermaid = "mermaid";

    public static Command Create()
    {
        var format = new Option<string>("--format")
        {
            Description = "Graph language: dot (Graphviz) or mermaid.",
            DefaultValueFactory = _ => Dot,
        };
        format.AcceptOnlyFromAmong(Dot, Mermaid);
        var spec = CommonOptions.Spec();
        spec.Required = false;
        spec.Description = "Draw this spec's plan (its 1 + 6N steps in order) instead of the lifecycle; only the file is read, no cluster is contacted.";
        var command = new Command("graph", "Print the rotation lifecycle state machine, or with --spec the plan of that spec, as a Graphviz or Mermaid graph.")
        {
            format, spec, CommonOptions.StateNotUsed(),
        };
        command.SetAction(CommandAction.Of(async (parse, services, cancellationToken) =>
        {
            var mermaid = parse.GetValue(format) == Mermaid;
            string graph;
            if (parse.GetValue(spec) is { } file)
            {
                var rotationSpec = SpecParser.ParseFile(file.FullName);
                var workflow = WorkflowLoader.Load(WorkflowLoader.DefaultPath);
                var steps = PlanBuilder.Build(workflow, rotationSpec.Regions.Select(region => region.Name).ToList());
                graph = mermaid ? PlanGraph.ToMermaid(workflow, steps) : PlanGraph.ToDot(workflow, steps);
            }
            else
            {
                graph = mermaid ? RotationLifecycle.ToMermaidGraph() : RotationLifecycle.ToDotGraph();
            }

            await services.Output.WriteAsync(graph.ReplaceLineEndings("\n").TrimEnd('\n') + "\n");
            await services.Output.FlushAsync(cancellationToken);
            return ExitCodes.Success;
        }));
        return command;
    }
}
