using System.CommandLine;
using Microsoft.Extensions.Logging;
using Orchestrator.Cli.Running;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Leases;
using Orchestrator.Core.Persistence;
using Orchestrator.Core.Preflight;
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
        var force = CommonOptions.ForceTakeover();
        var command = new Command("start-rotation", "Check the clusters, create a rotation, print its id and run it to the end in the foreground.")
        {
            spec, state, output, force,
        };
        command.SetAction(CommandAction.Of((parse, services, cancellationToken) =>
            StartAsync(
                services,
                parse.GetValue(spec)!.FullName,
                parse.GetValue(state),
                new SessionOptions(Create: true, parse.GetValue(force), parse.GetValue(output) == "json"),
                cancellationToken)));
        return command;
    }

    /// <summary>Preflight, create and run; what <c>start-rotation</c> and <c>demo</c> both do.</summary>
    public static async Task<int> StartAsync(Hosting.CliServices services, string specPath, string? statePath, SessionOptions options, CancellationToken cancellationToken)
    {
        var rotationSpec = SpecParser.ParseFile(specPath);
        var newCa = NewCaHeadStart.Begin(rotationSpec, services.Time);
        var id = RotationId.New(services.Time);

        // One client per region for preflight, the Leases and the run, disposed here whatever way they end.
        using var clusters = new RegionClusters(services.Connector, rotationSpec);

        // Preflight only reads: its first requests (and the TLS handshakes before them) go out now, and travel while
        // the workflow and the state file are read.
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var preflight = new PreflightCheck(clusters, services.Time, services.Loggers.CreateLogger("Orchestrator.Preflight")).RunAsync(rotationSpec, abandon.Token, new LeaseCheck(LeaseHolder.Current(id), options.ForceTakeover));
        WorkflowDefinition workflow;
        IRotationStore store;
        try
        {
            workflow = WorkflowLoader.Load(WorkflowLoader.DefaultPath);
            store = services.OpenStore(statePath);
        }
        catch
        {
            // Their failure is the one reported, as when they were read first; the reads are stopped and waited for
            // so that none is still running when the clients are closed.
            await abandon.CancelAsync();
            await preflight.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw;
        }

        using (store)
        {
            var report = await preflight;
            var rotation = Rotation.Create(
                id,
                rotationSpec,
                workflow,
                report.OldCa,
                report.SuppliedNewCa,
                report.Regions.ToDictionary(region => region.Region, region => region.Baseline),
                services.Time.GetUtcNow());
            return await RotationSession.RunAsync(services, store, clusters, rotation, options with { NewCa = newCa }, cancellationToken);
        }
    }
}
