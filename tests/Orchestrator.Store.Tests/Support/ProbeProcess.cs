using System.Diagnostics;

namespace Orchestrator.Store.Tests.Support;

/// <summary>The LockProbe program as a real second process on the same state file, with the tests' state key.</summary>
internal sealed class ProbeProcess : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly Process _process;

    private ProbeProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public static ProbeProcess Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Orchestrator.Store.LockProbe.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment[StoreOptions.KeyVariable] = TestStores.Key;
        return new ProbeProcess(Process.Start(start) ?? throw new InvalidOperationException("could not start the probe"));
    }

    public async Task<string> ReadLineAsync()
    {
        var line = await _process.StandardOutput.ReadLineAsync().WaitAsync(Patience);
        return line ?? throw new InvalidOperationException($"the probe ended without a line; stderr:\n{await _process.StandardError.ReadToEndAsync()}");
    }

    /// <summary>SIGKILL: the process gets no chance to release anything.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync().WaitAsync(Patience);
    }

    public async Task<(int ExitCode, string Output, string Error)> WaitForExitAsync()
    {
        var output = _process.StandardOutput.ReadToEndAsync();
        var error = _process.StandardError.ReadToEndAsync();
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        return (_process.ExitCode, await output, await error);
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
}
