using System.Text;
using Orchestrator.Core.Persistence;
using Orchestrator.Core.Rotations;
using Orchestrator.Store.Files;

namespace Orchestrator.Store.Locks;

/// <summary>
/// A rotation's run lock: <c>&lt;state file&gt;.locks/&lt;id&gt;.lock</c> held open with <see cref="FileShare.None"/>,
/// which .NET implements on Unix as <c>flock(LOCK_EX | LOCK_NB)</c>. The kernel drops it when the process dies, even
/// by SIGKILL, so a crashed run never leaves a stale lock. The file's text says who holds it.
/// </summary>
/// <remarks>
/// The holder of a finished rotation's lock (Succeeded or RolledBack, as stored) deletes the file while it still
/// holds the flock. A process that opened the file just before may then lock the deleted file while another creates and locks
/// a new one; so whoever takes a lock reads its own text back through the path, and starts again when the path no
/// longer leads to the file it locked. And since a finished rotation never changes again, any process that still
/// ends up holding its lock finds nothing to do once it reads the rotation under the lock.
/// </remarks>
internal sealed class RunLockFile : IAsyncDisposable
{
    /// <summary>How long a lock held by someone who has not said who they are is waited out (see <see cref="RunnerProbe"/>).</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(20);

    private readonly FileStream _stream;
    private readonly string _path;
    private readonly Func<Task<bool>> _isFinal;

    private RunLockFile(FileStream stream, string path, Func<Task<bool>> isFinal)
    {
        _stream = stream;
        _path = path;
        _isFinal = isFinal;
    }

    /// <summary>
    /// Takes the lock, or says who holds it. A lock held by a process that has not written who it is (one that took
    /// it an instant ago, or a <see cref="RunnerProbe"/> holding it shared for an instant) is retried for up to
    /// <see cref="Patience"/>, so that asking who runs a rotation never makes a runner's attempt fail.
    /// </summary>
    /// <param name="isFinal">Asked at release: whether the rotation is final, and its lock file can go.</param>
    public static async Task<RunLock> TryAcquireAsync(StatePaths paths, RotationId rotationId, string owner, TimeProvider time, Func<Task<bool>> isFinal, CancellationToken cancellationToken)
    {
        var path = paths.LockFile(rotationId);
        var started = time.GetTimestamp();
        while (true)
        {
            if (TryOpen(paths, path) is { } stream)
            {
                if (Claim(stream, path, LockHolder.Describe(time.GetUtcNow(), owner)))
                {
                    return RunLock.Held(new RunLockFile(stream, path, isFinal));
                }

                // The path leads to another file now: the one locked was deleted by the holder of a finished rotation.
                await stream.DisposeAsync();
            }
            else if (LockHolder.Read(path) is { IsGone: false } holder)
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

    public async ValueTask DisposeAsync()
    {
        if (await IsFinalAsync())
        {
            try
            {
                // Deleted while the flock is still held: nobody can have locked it meanwhile.
                File.Delete(_path);
                await _stream.DisposeAsync();
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Kept, as for a rotation still under way.
            }
        }

        // Emptied first so that a reader never names a holder that has gone.
        _stream.SetLength(0);
        await _stream.DisposeAsync();
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

    /// <summary>Writes who holds the lock, and tells whether the path still leads to the locked file (its text reads back).</summary>
    public static bool Claim(FileStream stream, string path, string holder)
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

        return OperatingSystem.IsWindows() || LockHolder.Read(path)?.Text == holder;
    }

    private async Task<bool> IsFinalAsync()
    {
        try
        {
            return await _isFinal();
        }
        catch (Exception e) when (e is StoreException or ObjectDisposedException)
        {
            // The rotation cannot be read: keep its lock file, as before lock files were ever deleted.
            return false;
        }
    }

    /// <summary>The "file in use" error of a failed flock: EWOULDBLOCK (11 on Linux, 35 on macOS), or Windows' sharing violation.</summary>
    public static bool IsHeldElsewhere(IOException e) => e.HResult is 11 or 35 or unchecked((int)0x80070020);
}
