using LiteDB;
using LiteDB.Engine;
using Orchestrator.Store.Files;

namespace Orchestrator.Store.Engine;

/// <summary>
/// LiteDB on the state file, one engine per operation under <see cref="StateFileLock"/>, as LiteDB's own shared mode
/// works under its mutex: each engine reads the file afresh, and a writer's leaves it checkpointed. LiteDB is given
/// streams opened here rather than paths: the locked state file, and a write-ahead log (<c>state-log.db</c>) made
/// owner-only here and deleted once empty. A reader's streams are read-only, so LiteDB cannot rewrite the file.
/// </summary>
internal sealed class StateDatabase(StatePaths paths)
{
    /// <summary>Runs a read with the file opened read-only, so that LiteDB cannot change it.</summary>
    public T Read<T>(Func<ILiteDatabase, T> read, CancellationToken cancellationToken) =>
        Run(write: false, check: null, read, cancellationToken);

    /// <summary>Runs a write; several changes that must land together need a <see cref="Transaction"/>.</summary>
    public T Write<T>(Func<ILiteDatabase, T> write, CancellationToken cancellationToken) =>
        Run(write: true, check: null, write, cancellationToken);

    /// <summary>As <see cref="Read{T}"/> or <see cref="Write{T}"/>, with the locked file checked before LiteDB sees it.</summary>
    public T Open<T>(bool write, Action<FileStream> check, Func<ILiteDatabase, T> operation, CancellationToken cancellationToken) =>
        Run(write, check, operation, cancellationToken);

    /// <summary>Makes a new, empty database of the empty file at <paramref name="path"/>, which nobody else knows yet.</summary>
    public static void Create(string path, Collation collation, Action<ILiteDatabase> initialize)
    {
        using var data = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        using (var database = new LiteDatabase(new LiteEngine(new EngineSettings { DataStream = data, LogStream = new MemoryStream(), Collation = collation })))
        {
            // Closing checkpoints the log, kept in memory, into the file.
            initialize(database);
        }

        data.Flush(flushToDisk: true);
    }

    private T Run<T>(bool write, Action<FileStream>? check, Func<ILiteDatabase, T> operation, CancellationToken cancellationToken)
    {
        using var data = StateFileLock.Take(paths, write, cancellationToken);
        check?.Invoke(data);
        using var log = OpenLog(write);
        try
        {
            using var database = new LiteDatabase(new LiteEngine(new EngineSettings { DataStream = data, LogStream = log, ReadOnly = !write }));
            return operation(database);
        }
        finally
        {
            if (write && log!.Length == 0)
            {
                File.Delete(paths.LiteDbLog);
            }
        }
    }

    /// <summary>
    /// The log, made 0600 here when missing (LiteDB would make it with the process's umask); a reader takes it as it
    /// is, and without one LiteDB keeps its own in memory.
    /// </summary>
    private FileStream? OpenLog(bool write)
    {
        if (write)
        {
            return new FileStream(paths.LiteDbLog, OwnerOnly.Options(FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }

        return File.Exists(paths.LiteDbLog) ? new FileStream(paths.LiteDbLog, FileMode.Open, FileAccess.Read, FileShare.Read) : null;
    }
}
