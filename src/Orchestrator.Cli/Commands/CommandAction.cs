using System.CommandLine;
using Microsoft.Extensions.Logging;
using Orchestrator.Cli.Hosting;
using Orchestrator.Core.Cluster;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Persistence;
using Orchestrator.Core.Rotations;
using Orchestrator.Core.Specs;
using Orchestrator.Core.Workflows;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// Runs a command's body in the host, and turns the failures a user can fix (bad spec, refused preflight, unusable
/// state file) into exit code 2 and one line on stderr, never a stack trace.
/// </summary>
internal static class CommandAction
{
    public static Func<ParseResult, CancellationToken, Task<int>> Of(Func<ParseResult, CliServices, CancellationToken, Task<int>> body) =>
        async (parse, cancellationToken) =>
        {
            var verbose = parse.GetValue<bool>("--verbose");
            using var host = new OnDemandHost(verbose ? LogLevel.Debug : LogLevel.Warning);
            var services = new CliServices(() => host.Loggers, TimeProvider.System) { StateArgument = parse.GetValue<string?>("--state") };
            try
            {
                return await body(parse, services, cancellationToken);
            }
            catch (Exception refused) when (refused is UsageException or SpecException or PreflightException or StoreException or WorkflowException or InvalidTransitionException)
            {
                await services.Error.WriteLineAsync($"error: {refused.Message}");
                return ExitCodes.BadInput;
            }
            catch (ClusterException failure) when (failure.Failure == ClusterFailure.Configuration)
            {
                await services.Error.WriteLineAsync($"error: {failure.Message}");
                return ExitCodes.BadInput;
            }
            catch (Core.Leases.LeaseHeldException held)
            {
                await services.Error.WriteLineAsync($"error: {held.Message}");
                return ExitCodes.Locked;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await services.Error.WriteLineAsync("interrupted");
                return ExitCodes.Interrupted;
            }
        };
}
