using LiteDB;
using Orchestrator.Store.Engine;
using Orchestrator.Store.Files;

namespace Orchestrator.Store.Schema;

/// <summary>
/// A state file of an older schema, for a command that only reads: copied into memory (with LiteDB's write-ahead
/// log, under LiteDB's mutex, so as of one moment) and migrated there. The file on disk is left as it is, for the
/// next command that writes to upgrade; the reader sees the rotations as of its opening.
/// </summary>
internal static class MigratedCopy
{
    public static LiteDatabase Open(StatePaths paths, int version)
    {
        var (data, log) = LiteDbMutex.Hold(paths.Database, () => (
            File.ReadAllBytes(paths.Database),
            File.Exists(paths.LiteDbLog) ? File.ReadAllBytes(paths.LiteDbLog) : []));
        var database = new LiteDatabase(Growable(data), mapper: null, logStream: Growable(log));
        try
        {
            Transaction.Run(database, () =>
            {
                StoreInitializer.Migrate(database, SchemaMigrations.All, version, SchemaMigrations.CurrentVersion);
                return true;
            });
            return database;
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    /// <summary>LiteDB writes the migration into the copy: a stream over the array itself could not grow.</summary>
    private static MemoryStream Growable(byte[] bytes)
    {
        var stream = new MemoryStream();
        stream.Write(bytes);
        stream.Position = 0;
        return stream;
    }
}
