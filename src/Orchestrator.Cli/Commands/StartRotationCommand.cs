using System.CommandLine;
using Orchestrator.Cli.Running;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Rotations;
using Orchestrator.Core.Specs;
using Orchestrator.Core.Workflows;

namespace Orchestrator.Cli.Commands;

/// <summary><c>orchestrator start-rotation --spec FILE</c>: preflight, create the rotation, run it to the end.</summary>
internal static class StartRotationCommand
{
    public static Command Create()
    {
        var spec = CommonOptions.Spec();
        var state = CommonOptions.State();
        var output = CommonOptions.Output();
        var command = new Command("start-rotation", "Check the clusters, create a rotation, print its id and run it to the end in the foreground.")
        {
            spec, state, output,
        };
        command.SetAction(CommandAction.Of((parse, services, cancellationToken) =>
            StartAsync(services, parse.GetValue(spec)!.FullName, parse.GetValue(state), parse.GetValue(output) == "json", cancellationToken)));
        return command;
    }

    /// <summary>Preflight, create and run; what <c>start-rotation</c> and <c>demo</c> both do.</summary>
    public static async Task<int> StartAsync(Hosting.CliServices services, string specPath, string? statePath, bool json, CancellationToken cancellationToken)
    {
        var rotationSpec = SpecParser.ParseFile(specPath);
        var workflow = WorkflowLoader.Load(WorkflowLoader.DefaultPath);
        using var store = services.OpenStore(statePath);
        var report = await new Preflight(services.Connector, services.Time).RunAsync(rotationSpec, cancellationToken);

        var rotation = Rotation.Create(
            RotationIds.New(services.Time),
            rotationSpec,
            workflow,
            report.OldCa,
            report.SuppliedNewCa,
            report.Regions.ToDictionary(region => region.Region, region => region.Baseline),
            services.Time.GetUtcNow());
        await store.CreateAsync(rotation, [Created(rotation)], cancellationToken);
        var progress = json ? services.Error : services.Output;
        await progress.WriteLineAsync($"Rotation {rotation.Id} created: {rotation.Steps.Count} steps over {string.Join(", ", rotationSpec.Regions.Select(region => region.Name))}");
        await progress.FlushAsync(cancellationToken);
        return await RotationSession.RunAsync(services, store, rotation, json, cancellationToken);
    }

    private static JournalEntry Created(Rotation rotation) => new()
    {
        RotationId = rotation.Id,
        Time = rotation.CreatedAt,
        Kind = JournalEntryKind.Transition,
        To = RotationState.Pending.ToString(),
        Trigger = "Create",
        Reason = $"created from the spec for cluster {rotation.Cluster}; current CA {rotation.OldCa!.Subject}",
    };
}
