using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Orchestrator.Cli.Output;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Gates;
using Orchestrator.Core.Preflight;
using Orchestrator.Core.Rotations;
using Orchestrator.Core.Specs;
using Orchestrator.Core.Workflows;

namespace Orchestrator.Cli.Commands;

/// <summary><c>orchestrator plan --spec FILE</c>: validate, read the clusters, print the steps; change nothing.</summary>
internal static class PlanCommand
{
    public static Command Create()
    {
        var spec = CommonOptions.Spec();
        var output = CommonOptions.Output();
        var command = new Command("plan", "Validate the spec, check the clusters (reading only) and print the steps a rotation would take.") { spec, output, CommonOptions.StateNotUsed() };
        command.SetAction(CommandAction.Of(async (parse, services, cancellationToken) =>
        {
            var rotationSpec = SpecParser.ParseFile(parse.GetValue(spec)!.FullName);
            var workflow = WorkflowLoader.Load(WorkflowLoader.DefaultPath);
            PreflightReport report;
            Dictionary<string, Uri> servers;
            using (var clusters = new RegionClusters(services.Connector, rotationSpec))
            {
                report = await new PreflightCheck(clusters, services.Time, services.Loggers.CreateLogger("Orchestrator.Preflight")).RunAsync(rotationSpec, cancellationToken);
                servers = rotationSpec.Regions.ToDictionary(region => region.Name, region => clusters[region.Name].Server, StringComparer.Ordinal);
            }

            var steps = PlanBuilder.Build(workflow, rotationSpec.Regions.Select(region => region.Name).ToList());
            if (parse.GetValue(output) == "json")
            {
                await services.Output.WriteLineAsync(JsonSerializer.Serialize(PlanView.Of(rotationSpec, workflow, report, steps), RotationView.Json));
                return ExitCodes.Success;
            }

            await services.Output.WriteLineAsync($"Cluster {rotationSpec.Cluster}: Secret {rotationSpec.Namespace}/{rotationSpec.CaSecret}, current CA {report.OldCa.Subject} (SHA-256 {report.OldCa.Sha256Fingerprint})");
            foreach (var region in report.Regions)
            {
                // Which cluster each region is, as its kubeconfig says: a left-out context is the file's current one.
                var spec = rotationSpec.Regions.Single(candidate => candidate.Name == region.Region);
                var context = spec.Context is { } named ? $"context {named}" : "the kubeconfig's current context";
                await services.Output.WriteLineAsync($"  {region.Region} ({context}, {servers[region.Region].GetLeftPart(UriPartial.Path).TrimEnd('/')}, namespace {spec.Namespace}): {region.StatefulSets.Count} StatefulSet(s) ({string.Join(", ", region.StatefulSets)}), {region.Pods} pods, all Ready");
            }

            await services.Output.WriteLineAsync($"New CA: {(rotationSpec.NewCa.Generated ? $"generated, O={rotationSpec.NewCa.Alias}, RSA {rotationSpec.NewCa.KeySize}, {rotationSpec.NewCa.ValidityDays} days" : $"supplied: {report.SuppliedNewCa!.Subject}")}; extra entry {rotationSpec.ExtraCaKey}; rollout timeout {GoDuration.Format(rotationSpec.RolloutTimeout)} per step");
            foreach (var gate in Gates(rotationSpec, steps, services.Time.GetUtcNow()))
            {
                await services.Output.WriteLineAsync(gate);
            }

            await services.Output.WriteLineAsync();
            var table = new TextTable("#", "STEP", "REGION", "WHAT");
            foreach (var step in steps)
            {
                table.Add(step.Number.ToString(CultureInfo.InvariantCulture), step.Name, step.Region, PlanView.Describe(workflow, step, rotationSpec.ExtraCaKey));
            }

            await services.Output.WriteAsync(table.ToString());
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Where the rotation would wait: its approval gates, and each region's windows with when they next open.</summary>
    private static IEnumerable<string> Gates(RotationSpec spec, IReadOnlyList<PlannedStep> steps, DateTimeOffset now)
    {
        if (RotationGates.ApprovalSteps(spec.Approval, steps.Select(step => (step.Number, step.Kind, step.Phase))) is { Count: > 0 } approvals)
        {
            yield return $"Approval ({spec.Approval.ToString().ToLowerInvariant()}): before steps {string.Join(", ", approvals)}";
        }

        foreach (var region in spec.Regions)
        {
            var windows = WindowSchedule.Of(spec, region.Name);
            if (!windows.AnyTime && windows.OpenFrom(now) is { } opens)
            {
                yield return $"Windows of {region.Name}: {windows.Describe()}; " + (opens == now ? "open now" : $"next open at {opens.UtcDateTime:yyyy-MM-dd HH:mm}Z");
            }
        }
    }

    /// <summary>The plan in JSON.</summary>
    private sealed record PlanView(
        [property: JsonPropertyName("cluster")] string Cluster,
        [property: JsonPropertyName("currentCa")] string CurrentCa,
        [property: JsonPropertyName("regions")] IReadOnlyList<RegionView> Regions,
        [property: JsonPropertyName("steps")] IReadOnlyList<PlannedStepView> Steps)
    {
        public static PlanView Of(RotationSpec spec, WorkflowDefinition workflow, PreflightReport report, IReadOnlyList<PlannedStep> steps) => new(
            spec.Cluster,
            report.OldCa.Subject,
            report.Regions.Select(region => new RegionView(region.Region, region.StatefulSets, region.Pods)).ToList(),
            steps.Select(step => new PlannedStepView(step.Number, step.Name, step.Region, Describe(workflow, step, spec.ExtraCaKey))).ToList());

        public static string Describe(WorkflowDefinition workflow, PlannedStep step, string extraKey) => step.Kind switch
        {
            StepKind.GenerateCa => "generate the new CA keypair",
            StepKind.UpdateSecret => $"{workflow.Phases.Single(phase => phase.Name == step.Phase).Description} ({extraKey})",
            _ => "wait until every pod of the region is replaced and Ready",
        };
    }

    private sealed record RegionView(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("statefulSets")] IReadOnlyList<string> StatefulSets,
        [property: JsonPropertyName("pods")] int Pods);

    private sealed record PlannedStepView(
        [property: JsonPropertyName("number")] int Number,
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("region")] string? Region,
        [property: JsonPropertyName("description")] string Description);
}
