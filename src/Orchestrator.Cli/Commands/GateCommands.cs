using System.CommandLine;
using Orchestrator.Cli.Hosting;
using Orchestrator.Controller.Serving;
using Orchestrator.Core.Gates;
using Orchestrator.Core.Persistence;
using Orchestrator.Core.Rotations;
using Orchestrator.Kubernetes;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// <c>approve</c>, <c>pause</c> and <c>continue</c>. For rotations in the state file each records a request beside
/// the rotation, which its run takes at the next step boundary; none runs the rotation itself (<c>resume</c> does).
/// With <c>--namespace</c> or <c>--kubeconfig</c> they act on a CaRotation instead, patching its spec for the controller.
/// </summary>
internal static class GateCommands
{
    private const string UserAgent = "orchestrator-gates/1.0";

    public static Command Approve()
    {
        var id = CommonOptions.Id("The rotation awaiting approval.", optional: false);
        var step = new Option<int?>("--step") { Description = "The step it awaits approval before, as status shows it; refused when it awaits another." };
        var state = CommonOptions.State();
        var cluster = new ClusterOptions();
        var command = new Command("approve", "Approve the gate a rotation awaits (approval: phases or regions); resume (or the controller) then takes it one gate further.") { id, step, state };
        cluster.AddTo(command);
        command.SetAction(CommandAction.Of(async (parse, services, cancellationToken) =>
        {
            if (cluster.Requests(parse) is { } caRotation)
            {
                using var resource = caRotation;
                await services.Output.WriteLineAsync(await resource.ApproveAsync(parse.GetValue(id)!.ToString(), parse.GetValue(step), cancellationToken));
                return ExitCodes.Success;
            }

            using var store = services.OpenStore(parse.GetValue(state));
            var rotation = await RotationLookup.FindAsync(services, store, parse.GetValue(id)!, cancellationToken);
            if (rotation.State != RotationState.Paused || rotation.Hold is not { Reason: HoldReason.AwaitingApproval } hold)
            {
                var where = rotation.State == RotationState.Paused && rotation.Hold is { } other ? $"held for another reason: {other.Message}" : $"{rotation.State}";
                throw new UsageException($"rotation {rotation.Id} is not awaiting approval ({where}); orchestrator status {rotation.Id}{services.StateOption} shows where it stands");
            }

            if (parse.GetValue(step) is { } asked && asked != hold.Step)
            {
                throw new UsageException($"rotation {rotation.Id} awaits approval before step {hold.Step} ({Label(rotation, hold.Step)}), not step {asked}: gates are approved one at a time, in order");
            }

            await Requests(store).ApproveAsync(rotation.Id, hold.Step, cancellationToken);
            await services.Output.WriteLineAsync($"Approved step {hold.Step} ({Label(rotation, hold.Step)}) of rotation {rotation.Id}. Go on with: orchestrator resume {rotation.Id}{services.StateOption}");
            return ExitCodes.Success;
        }));
        return command;
    }

    public static Command Pause()
    {
        var id = CommonOptions.Id("The rotation to hold.", optional: false);
        var state = CommonOptions.State();
        var cluster = new ClusterOptions();
        var command = new Command("pause", "Hold a rotation at its next step boundary (never in the middle of a Secret write) until continue.") { id, state };
        cluster.AddTo(command);
        command.SetAction(CommandAction.Of(async (parse, services, cancellationToken) =>
        {
            if (cluster.Requests(parse) is { } caRotation)
            {
                using var resource = caRotation;
                await services.Output.WriteLineAsync(await resource.SetPausedAsync(parse.GetValue(id)!.ToString(), paused: true, cancellationToken));
                return ExitCodes.Success;
            }

            using var store = services.OpenStore(parse.GetValue(state));
            var rotation = await RotationLookup.FindAsync(services, store, parse.GetValue(id)!, cancellationToken);
            if (rotation.State is RotationState.Succeeded or RotationState.RolledBack or RotationState.RollingBack)
            {
                throw new UsageException($"rotation {rotation.Id} is {rotation.State}: there is nothing to pause (a roll-back is never held)");
            }

            await Requests(store).SetPauseRequestAsync(rotation.Id, paused: true, cancellationToken);
            var runner = await store.FindRunnerAsync(rotation.Id, cancellationToken);
            await services.Output.WriteLineAsync(runner is null
                ? $"Rotation {rotation.Id} will hold before its next step; release it with: orchestrator continue {rotation.Id}{services.StateOption}"
                : $"Rotation {rotation.Id} ({runner}) holds once its current step is over; release it with: orchestrator continue {rotation.Id}{services.StateOption}");
            return ExitCodes.Success;
        }));
        return command;
    }

    public static Command Continue()
    {
        var id = CommonOptions.Id("The paused rotation.", optional: false);
        var state = CommonOptions.State();
        var cluster = new ClusterOptions();
        var command = new Command("continue", "Release a rotation held by pause; resume (or the controller) then runs it on.") { id, state };
        cluster.AddTo(command);
        command.SetAction(CommandAction.Of(async (parse, services, cancellationToken) =>
        {
            if (cluster.Requests(parse) is { } caRotation)
            {
                using var resource = caRotation;
                await services.Output.WriteLineAsync(await resource.SetPausedAsync(parse.GetValue(id)!.ToString(), paused: false, cancellationToken));
                return ExitCodes.Success;
            }

            using var store = services.OpenStore(parse.GetValue(state));
            var rotation = await RotationLookup.FindAsync(services, store, parse.GetValue(id)!, cancellationToken);
            var requests = Requests(store);
            if (!(await requests.ReadAsync(rotation.Id, cancellationToken)).PauseRequested)
            {
                throw new UsageException($"rotation {rotation.Id} is not paused ({rotation.State}); orchestrator status {rotation.Id}{services.StateOption} shows where it stands");
            }

            await requests.SetPauseRequestAsync(rotation.Id, paused: false, cancellationToken);
            await services.Output.WriteLineAsync(rotation.State == RotationState.Paused
                ? $"Rotation {rotation.Id} released. Go on with: orchestrator resume {rotation.Id}{services.StateOption}"
                : $"Rotation {rotation.Id} will not hold: its pause request is withdrawn");
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>The options that name a CaRotation's cluster and namespace instead of the state file.</summary>
    private sealed class ClusterOptions
    {
        private readonly Option<FileInfo?> _kubeconfig = new("--kubeconfig") { Description = "Act on the CaRotation in this cluster (default with --namespace: in-cluster credentials)." };
        private readonly Option<string?> _context = new("--context") { Description = "The kubeconfig context (default: its current context)." };
        private readonly Option<string?> _namespace = new("--namespace", "-n") { Description = "Act on the CaRotation of this name in this namespace, not on the state file." };

        public void AddTo(Command command)
        {
            command.Options.Add(_kubeconfig);
            command.Options.Add(_context);
            command.Options.Add(_namespace);
        }

        /// <summary>The CaRotation's requests when the command names a cluster; null for the state file.</summary>
        public CaRotationGateRequests? Requests(ParseResult parse)
        {
            var kubeconfig = parse.GetValue(_kubeconfig);
            if (kubeconfig is null && parse.GetValue(_namespace) is null)
            {
                return parse.GetValue(_context) is null ? null : throw new UsageException("--context needs --kubeconfig (and --namespace) to act on a CaRotation");
            }

            var (build, @namespace) = OwnCluster.Configuration(kubeconfig, parse.GetValue(_context), parse.GetValue(_namespace));
            return new CaRotationGateRequests(ClusterClients.Create(build(), new KubernetesClientOptions { UserAgent = UserAgent }), @namespace);
        }
    }

    private static IGateRequests Requests(IRotationStore store) =>
        store as IGateRequests ?? throw new InvalidOperationException("this state store keeps no approvals or pause requests");

    private static string Label(Rotation rotation, int step) => rotation.Steps.Single(candidate => candidate.Number == step).Label;
}
