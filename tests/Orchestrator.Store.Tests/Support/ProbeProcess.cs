using System.Diagnostics;

namespace Orchestrator.Store.Tests.Support;

/// <summary>The LockProbe program as a real second process on the same state file, with the tests' state key.</summary>
internal sealed class ProbeProcess : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly Process _process;

    private ProbeProcess(Process process) => _process = process;

    public int Id => _process.Id;

    /// <summary>
    /// Whether a process can be started that file modes bind: any process of a user other than root; for root, one
    /// started through setpriv without the capabilities that override file modes.
    /// </summary>
    public static bool CanStartUnprivileged => !FileModes.RunningAsRoot || File.Exists(SetPriv);

    private static string SetPriv => "/usr/bin/setpriv";

    public static ProbeProcess Start(params string[] arguments) => Start(stateKey: true, privileged: true, arguments);

    /// <summary>Without ORCHESTRATOR_STATE_KEY: the probe uses (and on first use makes) the key file.</summary>
    public static ProbeProcess StartWithKeyFile(params string[] arguments) => Start(stateKey: false, privileged: true, arguments);

    /// <summary>
    /// As a process that file modes bind, even when the tests run as root (see <see cref="CanStartUnprivileged"/>), and
    /// with the key file.
    /// </summary>
    public static ProbeProcess StartUnprivileged(params string[] arguments) => Start(stateKey: false, privileged: false, arguments);

    public async Task<string> ReadLineAsync()
    {
        var line = await _process.StandardOutput.ReadLineAsync().WaitAsync(Patience);
        return line ?? throw new InvalidOperationException($"the probe ended without a line; stderr:\n{await _process.StandardError.ReadToEndAsync()}");
    }

    public async Task WriteLineAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
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

    private static ProbeProcess Start(bool stateKey, bool privileged, string[] arguments)
    {
        var unprivilegedRoot = !privileged && FileModes.RunningAsRoot;
        var start = new ProcessStartInfo(unprivilegedRoot ? SetPriv : "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (unprivilegedRoot)
        {
            // Dropped from the bounding set, these capabilities are gone from the program it runs.
            start.ArgumentList.Add("--bounding-set");
            start.ArgumentList.Add("-dac_override,-dac_read_search,-fowner");
            start.ArgumentList.Add("dotnet");
        }

        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Orchestrator.Store.LockProbe.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (stateKey)
        {
            start.Environment[StoreOptions.KeyVariable] = TestStores.Key;
        }
        else
        {
            start.Environment.Remove(StoreOptions.KeyVariable);
        }

        return new ProbeProcess(Process.Start(start) ?? throw new InvalidOperationException("could not start the probe"));
    }
}
