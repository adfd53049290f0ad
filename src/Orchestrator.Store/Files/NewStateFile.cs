using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Orchestrator.Core.Persistence;

namespace Orchestrator.Store.Files;

/// <summary>
/// Makes a missing state file so that it never exists incomplete: it is made and initialised (schema, indexes, key
/// check) under a temporary name beside it, owner-only from its first byte, then linked into place only if nothing is
/// there yet. Creators take LiteDB's mutex of the state file meanwhile, so the second waits and finds the first's
/// file (and the key file it made) in place; one that does not take it (another program, an older orchestrator) and
/// wins the race keeps its file, and this one is thrown away.
/// </summary>
internal static class NewStateFile
{
    /// <param name="initialize">Makes a new state database of the empty file at the path it is given.</param>
    public static void CreateIfMissing(StatePaths paths, Action<string> initialize)
    {
        if (File.Exists(paths.Database))
        {
            return;
        }

        LiteDbMutex.Hold(paths.Database, () =>
        {
            if (!File.Exists(paths.Database))
            {
                Create(paths, initialize);
            }

            return true;
        });
    }

    private static void Create(StatePaths paths, Action<string> initialize)
    {
        var name = $".{Path.GetFileName(paths.Database)}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}.new";
        var temporary = new StatePaths(Path.Combine(paths.Directory, name));
        try
        {
            try
            {
                // LiteDB makes an empty file a new database; made here, it is 0600 from the start.
                using var created = new FileStream(temporary.Database, OwnerOnly.Options(FileMode.CreateNew, FileAccess.Write));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new StoreException($"cannot create state file {paths.Database}: {e.Message}", e);
            }

            initialize(temporary.Database);
            PutInPlace(temporary.Database, paths.Database);
        }
        finally
        {
            Remove(temporary.Database);
            Remove(temporary.LiteDbLog);
        }
    }

    /// <summary>Gives the file its final name unless a file has that name already (then that one stays).</summary>
    private static void PutInPlace(string temporary, string database)
    {
        if (!OperatingSystem.IsWindows())
        {
            if (Native.Link(temporary, database) == 0 || Marshal.GetLastPInvokeError() == Native.FileExists)
            {
                return;
            }

            // No hard links on this file system: File.Move, under the mutex, only races creators that do not take it.
        }

        try
        {
            File.Move(temporary, database, overwrite: false);
        }
        catch (IOException) when (File.Exists(database))
        {
            // Made meanwhile by another: that one is the state file.
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"cannot create state file {database}: {e.Message}", e);
        }
    }

    private static void Remove(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left behind under its temporary name, where nothing reads it.
        }
    }
}
