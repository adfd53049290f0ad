namespace Orchestrator.Benchmarks.EndToEnd;

/// <summary>The <c>orchestrator</c> CLI as a real child process: <c>dotnet orchestrator.dll</c> from the build output or a publish.</summary>
internal sealed class OrchestratorCli(string assemblyPath)
{
    public string AssemblyPath { get; } = assemblyPath;

    public Task<ChildResult> RunAsync(IEnumerable<string> arguments, string statePath, bool measure, TimeSpan timeout, CancellationToken cancellationToken) =>
        ChildProcess.RunAsync(
            "dotnet",
            [AssemblyPath, .. arguments, "--state", statePath],
            new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" },
            measure,
            timeout,
            cancellationToken);

    /// <summary>Runs a command that must succeed; its output otherwise says why it did not.</summary>
    public async Task<ChildResult> RunOkAsync(IEnumerable<string> arguments, string statePath, bool measure, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var list = arguments.ToList();
        var result = await RunAsync(list, statePath, measure, timeout, cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"orchestrator {string.Join(' ', list)} exited {result.ExitCode}:\n{result.Output}\n{result.Error}");
        }

        return result;
    }
}
