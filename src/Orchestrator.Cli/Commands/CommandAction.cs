using System.CommandLine;
using Microsoft.Extensions.Logging;
using Orchestrator.Cli.Hosting;
using Orchestrator.Core.Failures;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// Runs a command's body in the host, and turns every failure the orchestrator explains into its exit code and one
/// line on stderr, never a stack trace.
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
            catch (OrchestratorException failure)
            {
                await services.Error.WriteLineAsync($"error: {failure.Message}");
                return failure.Kind switch
                {
                    FailureKind.BadInput => ExitCodes.BadInput,
                    FailureKind.HeldElsewhere => ExitCodes.Locked,
                    _ => ExitCodes.StepFailed,
                };
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await services.Error.WriteLineAsync("interrupted");
                return ExitCodes.Interrupted;
            }
        };
}
