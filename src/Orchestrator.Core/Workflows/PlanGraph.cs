using System.Globalization;
using System.Text;

namespace Orchestrator.Core.Workflows;

/// <summary>
/// A plan's steps as a flowchart, in Graphviz dot or Mermaid: the new CA first, then one box per phase holding its
/// Secret change and rollout wait for every region in order. Built from the steps alone, so the same spec and
/// workflow always give the same text.
/// </summary>
public static class PlanGraph
{
    public static string ToDot(WorkflowDefinition workflow, IReadOnlyList<PlannedStep> steps)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(steps);
        var text = new StringBuilder()
            .Append("digraph ").Append(DotQuote(workflow.Name)).Append(" {\n")
            .Append("    rankdir=TB;\n")
            .Append("    node [shape=box, style=rounded];\n");
        foreach (var group in Groups(steps))
        {
            var indent = group.Key is null ? "    " : "        ";
            if (group.Key is not null)
            {
                text.Append("    subgraph ").Append(DotQuote($"cluster_{group.Key}")).Append(" {\n")
                    .Append("        label=").Append(DotQuote(group.Key)).Append(";\n");
            }

            foreach (var step in group)
            {
                text.Append(indent).Append(Id(step)).Append(" [label=").Append(DotQuote(Label(step, "\n"))).Append("];\n");
            }

            if (group.Key is not null)
            {
                text.Append("    }\n");
            }
        }

        foreach (var (from, to) in steps.Zip(steps.Skip(1)))
        {
            text.Append("    ").Append(Id(from)).Append(" -> ").Append(Id(to)).Append(";\n");
        }

        return text.Append("}\n").ToString();
    }

    public static string ToMermaid(WorkflowDefinition workflow, IReadOnlyList<PlannedStep> steps)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(steps);
        var text = new StringBuilder("flowchart TD\n");
        var phase = 0;
        foreach (var group in Groups(steps))
        {
            var indent = group.Key is null ? "    " : "        ";
            if (group.Key is not null)
            {
                phase++;
                text.Append(CultureInfo.InvariantCulture, $"    subgraph phase{phase}[\"{MermaidText(group.Key)}\"]\n");
            }

            foreach (var step in group)
            {
                text.Append(indent).Append(Id(step)).Append("[\"").Append(MermaidText(Label(step, " "))).Append("\"]\n");
            }

            if (group.Key is not null)
            {
                text.Append("    end\n");
            }
        }

        foreach (var (from, to) in steps.Zip(steps.Skip(1)))
        {
            text.Append("    ").Append(Id(from)).Append(" --> ").Append(Id(to)).Append('\n');
        }

        return text.ToString();
    }

    // Consecutive steps of one phase (generate-ca has none); the plan visits each phase once, in order.
    private static IEnumerable<IGrouping<string?, PlannedStep>> Groups(IReadOnlyList<PlannedStep> steps) =>
        steps.GroupBy(step => step.Phase);

    private static string Id(PlannedStep step) => string.Create(CultureInfo.InvariantCulture, $"step{step.Number}");

    private static string Label(PlannedStep step, string separator) => step.Region is null
        ? string.Create(CultureInfo.InvariantCulture, $"{step.Number} {step.Name}")
        : string.Create(CultureInfo.InvariantCulture, $"{step.Number} {step.Name}{separator}{step.Region}");

    private static string DotQuote(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";

    // Mermaid ends a quoted label at the next double quote; its entity form keeps the label whole.
    private static string MermaidText(string text) => text.Replace("\"", "#quot;", StringComparison.Ordinal);
}
