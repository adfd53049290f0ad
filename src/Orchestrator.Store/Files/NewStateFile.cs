using System.Security.Cryptography;
using Orchestrator.Core.Persistence;

namespace Orchestrator.Store.Files;

/// <summary>
/// Makes a missing state file so that it never exists incomplete: it is made and initialised (schema, indexes, key
/// check) under a temporary name beside it, owner-only from its first byte, then moved into place only if nothing is
/// there yet (on Unix, <see cref="File.Move(string, string, bool)"/> without overwrite is a hard link, which fails
/// when the name is taken). Of several processes making it at once, the first to move its file in wins and the others
/// throw theirs away; the key file is published the same way first (<see cref="Security.StateKey.Create"/>), so
/// they all encrypted under the one key that wins.
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

        var temporary = TemporaryBeside(paths.Database);
        try
        {
            try
            {
                // LiteDB makes an empty stream a new database; made here, the file is 0600 from the start.
                using var created = new FileStream(temporary, OwnerOnly.Options(FileMode.CreateNew, FileAccess.Write));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new StoreException($"cannot create state file {paths.Database}: {e.Message}", e);
            }

            initialize(temporary);
            PutInPlace(temporary, paths.Database);
        }
        finally
        {
            Remove(temporary);
        }
    }

    /// <summary>A new name in the same directory, where nothing reads it.</summary>
    public static string TemporaryBeside(string path) =>
        Path.Combine(Path.GetDirectoryName(path) ?? "/", $".{Path.GetFileName(path)}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}.new");

    /// <summary>Gives the file its final name unless a file has that name already (then that one stays); true when it did.</summary>
    public static bool PutInPlace(string temporary, string path)
    {
        try
        {
            File.Move(temporary, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"cannot create {path}: {e.Message}", e);
        }
    }

    public static void Remove(string path)
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
