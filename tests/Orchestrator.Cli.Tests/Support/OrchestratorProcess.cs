using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Orchestrator.Cli.Tests.Support;

/// <summary>
/// The built <c>orchestrator</c> command run as a real child process, as a user or script runs it: its exit code,
/// stdout and stderr, and signals (SIGTERM, SIGKILL) delivered to it.
/// </summary>
internal sealed partial class OrchestratorProcess : IDisposable
{
    private readonly Process _process;
    private readonly StreamLines _output;
    private readonly StreamLines _error;

    private OrchestratorProcess(Process process)
    {
        _process = process;
        _output = new StreamLines(process.StandardOutput);
        _error = new StreamLines(process.StandardError);
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public static string AssemblyPath => Path.Combine(AppContext.BaseDirectory, "orchestrator.dll");

    public static OrchestratorProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(AssemblyPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        return new OrchestratorProcess(Process.Start(start) ?? throw new InvalidOperationException("could not start orchestrator"));
    }

    /// <summary>Runs the command to its end and returns what it said.</summary>
    public static async Task<ProcessOutcome> RunAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        using var process = Start(arguments, environment);
        return await process.WaitForExitAsync(timeout ?? TimeSpan.FromMinutes(3));
    }

    /// <summary>Waits for a line on stdout, where the run prints a line per step.</summary>
    public Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout) => WaitForAsync(_output, "stdout", match, timeout);

    /// <summary>Waits for a line on stderr, where the run's wait progress and its log go.</summary>
    public Task<string> WaitForErrorLineAsync(Func<string, bool> match, TimeSpan timeout) => WaitForAsync(_error, "stderr", match, timeout);

    /// <summary>The lines printed on stdout so far.</summary>
    public IReadOnlyList<string> OutputLines => _output.Lines;

    /// <summary>The lines printed on stderr so far.</summary>
    public IReadOnlyList<string> ErrorLines => _error.Lines;

    public void Signal(int signal)
    {
        if (Kill(_process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed");
        }
    }

    public async Task<ProcessOutcome> WaitForExitAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"orchestrator did not exit within {timeout}; stdout so far:\n{_output}\nstderr so far:\n{_error}");
        }

        await Task.WhenAll(_output.Completion, _error.Completion);
        return new ProcessOutcome(_process.ExitCode, _output.ToString(), _error.ToString());
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private async Task<string> WaitForAsync(StreamLines stream, string name, Func<string, bool> match, TimeSpan timeout) =>
        await stream.WaitForAsync(match, timeout)
        ?? throw new InvalidOperationException($"orchestrator closed its {name} before printing the expected line; stdout:\n{_output}\nstderr:\n{_error}");

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
