namespace Orchestrator.Benchmarks.EndToEnd;

/// <summary>
/// The <c>orchestrator</c> CLI as a real child process: <c>dotnet orchestrator.dll</c> from the build output, or the
/// program itself, <c>DIR/orchestrator</c>, from a publish (self-contained: it carries its own runtime).
/// </summary>
internal sealed class OrchestratorCli(string path)
{
    /// <summary>An assembly runs under <c>dotnet</c>; anything else is a program of its own.</summary>
    private readonly string[] _command = path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? ["dotnet", path] : [path];

    /// <summary>The program and the arguments that come before the command's own.</summary>
    public IReadOnlyList<string> Command => _command;

    public Task<ChildResult> RunAsync(IEnumerable<string> arguments, string statePath, bool measure, TimeSpan timeout, CancellationToken cancellationToken) =>
        ChildProcess.RunAsync(
            _command[0],
            [.. _command.Skip(1), .. arguments, "--state", statePath],
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
