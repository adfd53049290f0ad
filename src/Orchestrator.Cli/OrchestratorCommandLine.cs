using System.CommandLine;

namespace Orchestrator.Cli;

/// <summary>Builds the <c>orchestrator</c> command tree and runs it.</summary>
internal static class OrchestratorCommandLine
{
    public static RootCommand Build() =>
        new("Rotates the TLS certificate authority of Cassandra clusters on Kubernetes without downtime.");

    public static Task<int> InvokeAsync(string[] args) => Build().Parse(args).InvokeAsync();
}
