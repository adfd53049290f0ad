using System.Diagnostics;
using System.Globalization;

namespace Orchestrator.Benchmarks.EndToEnd;

/// <summary>
/// Runs a command to its end. With <c>measure</c>, under GNU time, whose figures come from the kernel's own
/// accounting of the finished child (wait4's rusage): peak RSS and user + system CPU, nothing sampled.
/// </summary>
internal static class ChildProcess
{
    private const string GnuTime = "/usr/bin/time";

    public static bool CanMeasure => File.Exists(GnuTime);

    public static async Task<ChildResult> RunAsync(
        string program,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string> environment,
        bool measure,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var figures = measure && CanMeasure ? Path.GetTempFileName() : null;
        var start = new ProcessStartInfo(figures is null ? program : GnuTime)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (figures is not null)
        {
            foreach (var argument in new[] { "-f", "%M %U %S", "-o", figures, program })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var began = TimeProvider.System.GetTimestamp();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish in {timeout}");
        }

        var wall = TimeProvider.System.GetElapsedTime(began);
        var (rss, cpu) = figures is null ? (null, null) : ReadFigures(figures);
        return new ChildResult(process.ExitCode, wall, await output, await error, rss, cpu);
    }

    private static (long? Rss, TimeSpan? Cpu) ReadFigures(string path)
    {
        // GNU time writes "Command exited with non-zero status N" first when the child failed.
        var line = File.ReadAllLines(path).LastOrDefault(text => text.Length > 0) ?? string.Empty;
        File.Delete(path);
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 3)
        {
            return (null, null);
        }

        var user = double.Parse(parts[1], CultureInfo.InvariantCulture);
        var system = double.Parse(parts[2], CultureInfo.InvariantCulture);
        return (long.Parse(parts[0], CultureInfo.InvariantCulture), TimeSpan.FromSeconds(user + system));
    }
}
