using Orchestrator.Core.Persistence;

namespace Orchestrator.Store.Files;

/// <summary>
/// The state file's own lock: the file held open with <see cref="FileShare.None"/>, which .NET takes on Unix as an
/// exclusive <c>flock(2)</c> (a read-only opening can take it too). Every operation, reading or writing, holds it from
/// start to end, as LiteDB's shared mode holds its mutex, and LiteDB works through the locked stream (see
/// <see cref="Engine.StateDatabase"/>): one process at a time, and no lock name or file but the state file's. The
/// kernel drops it when the process dies.
/// </summary>
internal static class StateFileLock
{
    /// <summary>
    /// The file open and locked, read-write or read-only; waits while another holds it. Readers take it exclusively
    /// too: a writer retrying among readers that share it would starve.
    /// </summary>
    public static FileStream Take(StatePaths paths, bool write, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions { Mode = FileMode.Open, Access = write ? FileAccess.ReadWrite : FileAccess.Read, Share = FileShare.None };
        var spinner = default(SpinWait);
        while (true)
        {
            try
            {
                return write ? new SyncedFileStream(paths.Database, options) : new FileStream(paths.Database, options);
            }
            catch (IOException e) when (Locks.RunLockFile.IsHeldElsewhere(e))
            {
                cancellationToken.ThrowIfCancellationRequested();
                spinner.SpinOnce(sleep1Threshold: 0);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                throw new StoreException($"no state file at {paths.Database}; check the path, or start a rotation to create it", e);
            }
            catch (UnauthorizedAccessException e)
            {
                throw new StoreException($"cannot {(write ? "read and write" : "read")} state file {paths.Database}: permission denied; check its owner and mode", e);
            }
        }
    }

    /// <summary>
    /// LiteDB syncs the data file to disk (after a checkpoint, before it empties its log) through <see cref="Flush()"/>
    /// when it does not see a <see cref="FileStream"/> itself, as with a stream it is given.
    /// </summary>
    private sealed class SyncedFileStream(string path, FileStreamOptions options) : FileStream(path, options)
    {
        public override void Flush() => Flush(flushToDisk: true);
    }
}
