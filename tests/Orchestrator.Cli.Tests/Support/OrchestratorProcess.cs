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
    private readonly Task<string> _error;
    private readonly List<string> _lines = [];
    private readonly Lock _gate = new();
    private readonly Task _reader;
    private TaskCompletionSource<string>? _awaited;
    private Func<string, bool>? _match;

    private OrchestratorProcess(Process process)
    {
        _process = process;
        _error = process.StandardError.ReadToEndAsync();
        _reader = Task.Run(ReadOutputAsync);
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

    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        TaskCompletionSource<string> awaited;
        lock (_gate)
        {
            var seen = _lines.FirstOrDefault(match);
            if (seen is not null)
            {
                return seen;
            }

            awaited = _awaited = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            _match = match;
        }

        var finished = _reader.ContinueWith(_ => string.Empty, TaskScheduler.Default);
        var first = await Task.WhenAny(awaited.Task, finished).WaitAsync(timeout);
        if (first == finished && !awaited.Task.IsCompleted)
        {
            throw new InvalidOperationException($"orchestrator ended before printing the expected line; stderr:\n{await _error}");
        }

        return await awaited.Task;
    }

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
            throw new TimeoutException($"orchestrator did not exit within {timeout}; stderr so far:\n{(_error.IsCompleted ? await _error : string.Empty)}");
        }

        await _reader;
        lock (_gate)
        {
            return new ProcessOutcome(_process.ExitCode, string.Join('\n', _lines), _error.Result);
        }
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

    private async Task ReadOutputAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            lock (_gate)
            {
                _lines.Add(line);
                if (_match is not null && _match(line))
                {
                    _awaited?.TrySetResult(line);
                    _match = null;
                }
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
