using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Orchestrator.Benchmarks.EndToEnd;

/// <summary>
/// One <c>orchestrator serve</c> replica as a running child process, with the kernel's accounting of it read from
/// <c>/proc</c> while it runs (CPU time, resident and peak memory): a controller does not end on its own.
/// </summary>
internal sealed class ServeProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log = new();

    private ServeProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, line) => Keep(line.Data);
        _process.ErrorDataReceived += (_, line) => Keep(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>What it logged so far, for a report of what went wrong.</summary>
    public string Log => string.Join('\n', _log);

    /// <summary>Starts <c>serve</c> against the own cluster's kubeconfig and context, watching one namespace.</summary>
    public static ServeProcess Start(OrchestratorCli cli, string kubeconfig, string context, string @namespace)
    {
        var start = new ProcessStartInfo(cli.Command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in cli.Command.Skip(1).Concat(["serve", "--kubeconfig", kubeconfig, "--context", context, "--namespace", @namespace, "--health-address", "127.0.0.1:0"]))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return new ServeProcess(Process.Start(start) ?? throw new InvalidOperationException("could not start orchestrator serve"));
    }

    /// <summary>User plus system CPU time so far (<c>/proc/PID/stat</c>, in clock ticks of 1/100 s on Linux).</summary>
    public TimeSpan CpuTime()
    {
        var stat = File.ReadAllText($"/proc/{Id}/stat");

        // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are 14 and 15.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    /// <summary>
    /// Resident memory now (<c>VmRSS</c>), at its peak (<c>VmHWM</c>), and the part of it that is this process's own
    /// (anonymous and its shared-memory mappings, not pages of its program file), in bytes.
    /// </summary>
    public ResidentMemory Memory()
    {
        var lines = File.ReadAllLines($"/proc/{Id}/status");
        return new ResidentMemory(
            Kilobytes(lines, "VmRSS:") * 1024,
            Kilobytes(lines, "VmHWM:") * 1024,
            (Kilobytes(lines, "RssAnon:") + Kilobytes(lines, "RssShmem:")) * 1024);
    }

    public void Kill() => _process.Kill();

    /// <summary>Asks it to stop as a pod is asked (SIGTERM), and waits for it.</summary>
    public async Task TerminateAsync(CancellationToken cancellationToken)
    {
        using (var kill = Process.Start("kill", ["-TERM", Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(cancellationToken);
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(limit.Token);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
    }

    private static long Kilobytes(string[] lines, string field) =>
        long.Parse(lines.Single(line => line.StartsWith(field, StringComparison.Ordinal))[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _log.Enqueue(line);
        while (_log.Count > 200)
        {
            _log.TryDequeue(out _);
        }
    }
}

/// <summary>A process's resident memory in bytes: now, at its peak, and its own part of now.</summary>
internal sealed record ResidentMemory(long Resident, long Peak, long Private);
