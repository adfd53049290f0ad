using System.CommandLine;
using Orchestrator.Cli.Commands;

namespace Orchestrator.Cli;

/// <summary>Builds the <c>orchestrator</c> command tree and runs it.</summary>
internal static class OrchestratorCommandLine
{
    public static RootCommand Build() =>
        new("Rotates the TLS certificate authority of Cassandra clusters on Kubernetes without downtime.")
        {
            SimulateCommand.Create(),
        };

    public static Task<int> InvokeAsync(string[] args) =>
        Build().Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) });
}
