using System.Text;
using Orchestrator.Core.Persistence;

namespace Orchestrator.Store.Files;

/// <summary>
/// Readies the state file for LiteDB: its directory (0700 when created), the file itself (0600, created empty), and
/// a check that an existing file is an intact LiteDB 5 database, done before LiteDB opens it because LiteDB
/// silently rewrites what it does not recognise.
/// </summary>
internal static class StateFile
{
    /// <summary>Returns true when the file holds no database yet (just created, or empty).</summary>
    public static bool Prepare(StatePaths paths)
    {
        var database = paths.Database;
        if (Directory.Exists(database))
        {
            throw new StoreException($"state file {database} is a directory; give the path of a file");
        }

        try
        {
            OwnerOnly.CreateDirectory(paths.Directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"cannot create the directory of state file {database}: {e.Message}", e);
        }

        CreateIfMissing(database);
        return LiteDbMutex.Hold(database, () => Check(paths));
    }

    private static void CreateIfMissing(string database)
    {
        if (File.Exists(database))
        {
            return;
        }

        try
        {
            // LiteDB accepts an empty file as a new database, and this way the file is 0600 from the start.
            using var created = new FileStream(database, OwnerOnly.Options(FileMode.CreateNew, FileAccess.Write));
        }
        catch (IOException) when (File.Exists(database))
        {
            // Another process created it first.
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"cannot create state file {database}: {e.Message}", e);
        }
    }

    private static bool Check(StatePaths paths)
    {
        var database = paths.Database;
        long length;
        var page = new byte[LiteDbHeader.PageSize];
        int read;
        try
        {
            // Opening for writing too: a file this program could read but not save to is refused now, not mid-rotation.
            using var stream = new FileStream(database, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
            length = stream.Length;
            read = stream.ReadAtLeast(page, page.Length, throwOnEndOfStream: false);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new StoreException($"cannot read and write state file {database}: permission denied; check its owner and mode", e);
        }
        catch (IOException e)
        {
            throw new StoreException($"cannot read state file {database}: {e.Message}", e);
        }

        if (length == 0)
        {
            return true;
        }

        var header = LiteDbHeader.Parse(page.AsSpan(0, read));
        if (header is null)
        {
            throw new StoreException(StartsLikeLiteDb(page.AsSpan(0, read))
                ? $"state file {database} is truncated ({length} bytes, less than its first page); restore it from a backup or move it aside"
                : $"state file {database} is not an orchestrator state file (not a LiteDB database); move it aside or choose another path");
        }

        if (header.FileVersion != LiteDbHeader.SupportedFileVersion)
        {
            throw new StoreException($"state file {database} is a LiteDB file of format {header.FileVersion}, which this program cannot read; move it aside or choose another path");
        }

        if (header.InvalidState)
        {
            throw new StoreException($"state file {database} is damaged (LiteDB marked it invalid); restore it from a backup or move it aside");
        }

        // With a write-ahead log beside it, the data file may lag behind its header until LiteDB replays the log.
        if (!File.Exists(paths.LiteDbLog) && (length % LiteDbHeader.PageSize != 0 || length < header.MinimumLength))
        {
            throw new StoreException($"state file {database} is truncated ({length} bytes where its header needs {header.MinimumLength}); restore it from a backup or move it aside");
        }

        return false;
    }

    private static bool StartsLikeLiteDb(ReadOnlySpan<byte> start) =>
        start.IndexOf(Encoding.ASCII.GetBytes("** This is a LiteDB file **")) >= 0;
}
