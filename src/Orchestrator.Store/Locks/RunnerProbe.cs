using Orchestrator.Core.Persistence;
using Orchestrator.Core.Rotations;
using Orchestrator.Store.Files;

namespace Orchestrator.Store.Locks;

/// <summary>
/// Who holds a rotation's run lock, found without creating or writing anything. A flock cannot be tested without
/// taking it, so when the file does not already prove its holder gone, the probe takes it shared for an instant
/// (an opening for reading): that fails while a runner holds it, and succeeds, to be dropped at once, when nobody
/// does. During that instant a runner's own attempt fails too; <see cref="RunLockFile.TryAcquireAsync"/> therefore
/// retries while the lock is held by someone who has not written who they are, which a probe never does.
/// </summary>
internal static class RunnerProbe
{
    public static async Task<string?> FindAsync(StatePaths paths, RotationId rotationId, TimeProvider time, CancellationToken cancellationToken)
    {
        var path = paths.LockFile(rotationId);
        var started = time.GetTimestamp();
        while (true)
        {
            // A holder named but gone proves nobody runs it (one that took the lock this very instant, and has not
            // yet written who it is, is missed as if asked a moment earlier), and spares taking the flock.
            if (LockHolder.Read(path) is { IsGone: true } || !IsHeld(path))
            {
                return null;
            }

            switch (LockHolder.Read(path))
            {
                case { IsGone: false } holder:
                    return holder.Text;
                case { IsGone: true }:
                    return null;
            }

            // Held by someone who has not yet written who they are: a runner, or abort's check, that took it just now.
            if (time.GetElapsedTime(started) >= RunLockFile.Patience)
            {
                return LockHolder.Unknown;
            }

            await Task.Delay(RunLockFile.RetryInterval, time, cancellationToken);
        }
    }

    /// <summary>Whether another open file holds the flock exclusively; a missing file (or directory) is held by nobody.</summary>
    private static bool IsHeld(string path)
    {
        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return false;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
        catch (IOException e) when (RunLockFile.IsHeldElsewhere(e))
        {
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"cannot read the run lock {path}: {e.Message}", e);
        }
    }
}
