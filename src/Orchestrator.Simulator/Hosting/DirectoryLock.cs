using System.Diagnostics;
using System.Globalization;

namespace Orchestrator.Simulator.Hosting;

/// <summary>
/// Keeps a second simulator out of a directory in use, before it writes anything there: <c>simulator.lock</c> held
/// open with <see cref="FileShare.None"/>, which .NET takes on Unix as <c>flock(LOCK_EX | LOCK_NB)</c>, so the kernel
/// drops it when the process dies, even by SIGKILL. Every .NET opening of a file takes a flock of its own, which the
/// holder's refuses, so the holder's pid goes in <c>simulator.pid</c> beside it, for the refusal to name.
/// </summary>
internal sealed class DirectoryLock : IDisposable
{
    private const string LockFile = "simulator.lock";
    private const string PidFile = "simulator.pid";
    private readonly FileStream _lock;
    private readonly string _pidPath;
    private bool _released;

    private DirectoryLock(FileStream held, string pidPath)
    {
        _lock = held;
        _pidPath = pidPath;
    }

    public static DirectoryLock Acquire(string directory)
    {
        var pidPath = Path.Combine(directory, PidFile);
        FileStream held;
        try
        {
            held = new FileStream(Path.Combine(directory, LockFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (IsHeldElsewhere(e))
        {
            throw new SimulatorDirectoryInUseException(directory, Holder(pidPath));
        }

        try
        {
            File.WriteAllText(pidPath, Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
        }
        catch
        {
            held.Dispose();
            throw;
        }

        return new DirectoryLock(held, pidPath);
    }

    public void Dispose()
    {
        if (_released)
        {
            return;
        }

        // The pid goes while the lock is still held, so that it never names a simulator that has stopped. The lock
        // file stays: removed, it could be locked by one simulator while a second creates and locks a new one.
        _released = true;
        File.Delete(_pidPath);
        _lock.Dispose();
    }

    private static int? Holder(string pidPath)
    {
        try
        {
            // A pid left by a simulator killed before it could remove it names a process that is gone.
            return int.TryParse(File.ReadAllText(pidPath), NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var pid) && IsRunning(pid)
                ? pid
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The "file in use" error of a failed flock: EWOULDBLOCK (11 on Linux, 35 on macOS), or Windows' sharing violation.</summary>
    private static bool IsHeldElsewhere(IOException e) => e.HResult is 11 or 35 or unchecked((int)0x80070020);
}
