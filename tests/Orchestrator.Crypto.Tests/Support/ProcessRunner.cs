using System.Diagnostics;

namespace Orchestrator.Crypto.Tests.Support;

internal static class ProcessRunner
{
    private static readonly TimeSpan _timeout = TimeSpan.FromMinutes(2);

    public static async Task<ProcessResult> RunAsync(
        string fileName, IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // Tools in a predictable language and without a terminal to prompt on.
        startInfo.Environment["LC_ALL"] = "C";
        var command = fileName + " " + string.Join(' ', arguments);

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start '{command}'.");
        process.StandardInput.Close();
        var standardOutput = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var standardError = process.StandardError.ReadToEndAsync(cancellationToken);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new ProcessResult(command, process.ExitCode, await standardOutput, await standardError);
    }
}
