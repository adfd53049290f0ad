using LiteDB;
using Orchestrator.Store.Engine;
using Orchestrator.Store.Files;

namespace Orchestrator.Store.Schema;

/// <summary>
/// A state file of an older schema, for a command that only reads: copied into memory (with LiteDB's write-ahead
/// log, under the state file's lock, so as of one moment) and migrated there. The file on disk is left as it is, for the
/// next command that writes to upgrade; the reader sees the rotations as of its opening.
/// </summary>
internal static class MigratedCopy
{
    public static LiteDatabase Open(StatePaths paths, int version)
    {
        var data = new MemoryStream();
        var log = new MemoryStream();
        using (var file = StateFileLock.Take(paths, write: false, CancellationToken.None))
        {
            file.CopyTo(data);
            if (File.Exists(paths.LiteDbLog))
            {
                using var logFile = new FileStream(paths.LiteDbLog, FileMode.Open, FileAccess.Read, FileShare.Read);
                logFile.CopyTo(log);
            }
        }

        data.Position = 0;
        log.Position = 0;
        var database = new LiteDatabase(data, mapper: null, logStream: log);
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
}
