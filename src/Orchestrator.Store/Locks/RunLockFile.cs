using System.Globalization;
using System.Text;
using Orchestrator.Core.Persistence;
using Orchestrator.Store.Files;

namespace Orchestrator.Store.Locks;

/// <summary>
/// A rotation's run lock: <c>&lt;state file&gt;.locks/&lt;id&gt;.lock</c> held open with <see cref="FileShare.None"/>,
/// which .NET implements on Unix as <c>flock(LOCK_EX | LOCK_NB)</c>. The kernel drops it when the process dies, even
/// by SIGKILL, so a crashed run never leaves a stale lock. The file's text says who holds it. Lock files are never
/// deleted: removing one while another process waits on it would let two processes lock two different files.
/// </summary>
internal sealed class RunLockFile : IAsyncDisposable
{
    private readonly FileStream _stream;

    private RunLockFile(FileStream stream) => _stream = stream;

    public static RunLock TryAcquire(StatePaths paths, string rotationId, string owner, DateTimeOffset now)
    {
        var path = paths.LockFile(RotationIds.Validate(rotationId));
        FileStream stream;
        try
        {
            OwnerOnly.CreateDirectory(paths.LockDirectory);
            stream = new FileStream(path, OwnerOnly.Options(FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException e) when (IsHeldElsewhere(e))
        {
            return RunLock.HeldBy(LockHolder.Read(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"cannot take the run lock {path}: {e.Message}", e);
        }

        var holder = string.Create(
            CultureInfo.InvariantCulture,
            $"pid {Environment.ProcessId} on host {Environment.MachineName} since {now.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} ({owner})");
        try
        {
            stream.SetLength(0);
            stream.Write(Encoding.UTF8.GetBytes(holder + "\n"));
            stream.Flush();
        }
        catch (IOException e)
        {
            stream.Dispose();
            throw new StoreException($"cannot write the run lock {path}: {e.Message}", e);
        }

        return RunLock.Held(new RunLockFile(stream));
    }

    public ValueTask DisposeAsync()
    {
        // Emptied first so that a reader never names a holder that has gone.
        _stream.SetLength(0);
        return _stream.DisposeAsync();
    }

    /// <summary>The "file in use" error of a failed flock: EWOULDBLOCK (11 on Linux, 35 on macOS), or Windows' sharing violation.</summary>
    private static bool IsHeldElsewhere(IOException e) => e.HResult is 11 or 35 or unchecked((int)0x80070020);
}
