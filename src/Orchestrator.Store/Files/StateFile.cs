using Orchestrator.Core.Persistence;

namespace Orchestrator.Store.Files;

/// <summary>
/// Readies the state file for LiteDB: for writing, its directory (0700 when created) and the file itself (made
/// whole by <see cref="NewStateFile"/> when missing); for reading, nothing made. Then, under the file's lock, a check
/// that it is an intact LiteDB 5 database, made before LiteDB opens it because LiteDB silently rewrites what it does
/// not recognise.
/// </summary>
internal static class StateFile
{
    /// <param name="initialize">Makes a new state database of the empty file at the path it is given.</param>
    public static void PrepareForWriting(StatePaths paths, Action<string> initialize)
    {
        RefuseDirectory(paths);
        try
        {
            OwnerOnly.CreateDirectory(paths.Directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"cannot create the directory of state file {paths.Database}: {e.Message}", e);
        }

        NewStateFile.CreateIfMissing(paths, initialize);
    }

    public static void PrepareForReading(StatePaths paths)
    {
        RefuseDirectory(paths);
        if (!File.Exists(paths.Database))
        {
            throw new StoreException($"no state file at {paths.Database}; check the path, or start a rotation to create it");
        }
    }

    /// <summary>Refuses, leaving it untouched, a file that LiteDB would rewrite or misread; <paramref name="file"/> is the locked file.</summary>
    public static void Check(StatePaths paths, FileStream file, bool write)
    {
        var database = paths.Database;
        var length = file.Length;
        var page = new byte[LiteDbHeader.PageSize];
        var read = file.ReadAtLeast(page, page.Length, throwOnEndOfStream: false);
        file.Position = 0;
        if (length == 0)
        {
            // A state file is made whole before it takes its name: an empty one was cut short, or made by another program.
            throw new StoreException($"state file {database} is empty (0 bytes), which no state file is; it is left untouched: restore it from a backup or move it aside");
        }

        var header = LiteDbHeader.Parse(page.AsSpan(0, read));
        if (header is null)
        {
            throw new StoreException(StartsLikeLiteDb(page.AsSpan(0, read))
                ? $"state file {database} is truncated ({length} bytes, less than its first page); restore it from a backup or move it aside"
                : $"state file {database} is not an orchestrator state file (not a LiteDB database); move it aside or choose another path");
        }

        // With a write-ahead log beside it, the data file may lag behind its header until LiteDB replays the log.
        var logged = File.Exists(paths.LiteDbLog);
        if (!logged && (length % LiteDbHeader.PageSize != 0 || length < header.MinimumLength))
        {
            throw new StoreException($"state file {database} is truncated ({length} bytes where its header needs {header.MinimumLength}); restore it from a backup or move it aside");
        }

        // LiteDB cuts a partly written last page off, even when it opens a file only to read it.
        if (!write && length % LiteDbHeader.PageSize != 0)
        {
            throw new StoreException($"state file {database} ends in a partly written page ({length} bytes); it is left untouched: the next command that changes the state file repairs it");
        }
    }

    private static void RefuseDirectory(StatePaths paths)
    {
        if (Directory.Exists(paths.Database))
        {
            throw new StoreException($"state file {paths.Database} is a directory; give the path of a file");
        }
    }

    private static bool StartsLikeLiteDb(ReadOnlySpan<byte> start) => start.IndexOf(LiteDbHeader.Signature) >= 0;
}
