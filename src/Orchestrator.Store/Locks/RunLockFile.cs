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
    /// <summary>How long a lock held by someone who has not said who they are is waited out (see <see cref="RunnerProbe"/>).</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(20);

    private readonly FileStream _stream;

    private RunLockFile(FileStream stream) => _stream = stream;

    /// <summary>
    /// Takes the lock, or says who holds it. A lock held by a process that has not written who it is (one that took
    /// it an instant ago, or a <see cref="RunnerProbe"/> holding it shared for an instant) is retried for up to
    /// <see cref="Patience"/>, so that asking who runs a rotation never makes a runner's attempt fail.
    /// </summary>
    public static async Task<RunLock> TryAcquireAsync(StatePaths paths, string rotationId, string owner, TimeProvider time, CancellationToken cancellationToken)
    {
        var path = paths.LockFile(RotationIds.Validate(rotationId));
        var started = time.GetTimestamp();
        while (true)
        {
            if (TryOpen(paths, path) is { } stream)
            {
                Claim(stream, path, LockHolder.Describe(time.GetUtcNow(), owner));
                return RunLock.Held(new RunLockFile(stream));
            }

            if (LockHolder.Read(path) is { IsGone: false } holder)
            {
                return RunLock.HeldBy(holder.Text);
            }

            if (time.GetElapsedTime(started) >= Patience)
            {
                return RunLock.HeldBy(LockHolder.Unknown);
            }

            await Task.Delay(RetryInterval, time, cancellationToken);
        }
    }

    public ValueTask DisposeAsync()
    {
        // Emptied first so that a reader never names a holder that has gone.
        _stream.SetLength(0);
        return _stream.DisposeAsync();
    }

    /// <summary>The file opened and locked, or null when another process holds the lock.</summary>
    private static FileStream? TryOpen(StatePaths paths, string path)
    {
        try
        {
            OwnerOnly.CreateDirectory(paths.LockDirectory);
            return new FileStream(path, OwnerOnly.Options(FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException e) when (IsHeldElsewhere(e))
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"cannot take the run lock {path}: {e.Message}", e);
        }
    }

    private static void Claim(FileStream stream, string path, string holder)
    {
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
    }

    /// <summary>The "file in use" error of a failed flock: EWOULDBLOCK (11 on Linux, 35 on macOS), or Windows' sharing violation.</summary>
    public static bool IsHeldElsewhere(IOException e) => e.HResult is 11 or 35 or unchecked((int)0x80070020);
}
