using System.Globalization;
using LiteDB;
using Orchestrator.Core.Gates;
using Orchestrator.Core.Persistence;
using Orchestrator.Core.Rotations;
using Orchestrator.Store.Documents;
using Orchestrator.Store.Engine;
using Orchestrator.Store.Files;
using Orchestrator.Store.Locks;
using Orchestrator.Store.Schema;
using Orchestrator.Store.Security;

namespace Orchestrator.Store;

/// <summary>
/// Rotations in a LiteDB file shared by every orchestrator process of the user (one engine per operation under the
/// state file's own lock, see <see cref="StateDatabase"/>), private keys encrypted field by field, one flock-based run
/// lock per rotation.
/// </summary>
public sealed class LiteDbRotationStore : IRotationStore, IGateRequests
{
    private readonly StateDatabase? _file;
    private readonly LiteDatabase? _copy;
    private readonly StatePaths _paths;
    private readonly RotationDocuments _rotations;
    private readonly JournalDocuments _journal;
    private readonly ProgressDocuments _progress;
    private readonly TimeProvider _timeProvider;
    private readonly bool _readOnly;
    private bool _disposed;

    /// <param name="file">The state file; null when reading <paramref name="copy"/>, a migrated copy in memory.</param>
    private LiteDbRotationStore(StateDatabase? file, LiteDatabase? copy, StatePaths paths, FieldCipher cipher, TimeProvider timeProvider, bool readOnly)
    {
        var serializer = new DocumentSerializer(cipher);
        _file = file;
        _copy = copy;
        _paths = paths;
        _rotations = new RotationDocuments(serializer);
        _journal = new JournalDocuments(serializer);
        _progress = new ProgressDocuments(serializer);
        _timeProvider = timeProvider;
        _readOnly = readOnly;
    }

    /// <summary>
    /// Opens the state file, creating it (and its key file) when missing. Throws <see cref="StoreException"/>, with
    /// a one-line message naming the file and what to do, for a file that is not an intact state file (an empty one
    /// included), of a newer schema, whose key does not match, or that cannot be read or written.
    /// </summary>
    public static LiteDbRotationStore Open(StoreOptions options, TimeProvider timeProvider)
    {
        var paths = PathsOf(options, timeProvider);
        StateFile.PrepareForWriting(paths, temporary => StateDatabase.Create(
            temporary,
            // Ids compare as written (LiteDB's default collation ignores case). Only a new file can be given one:
            // LiteDB refuses to open an existing file under a collation other than its own.
            new Collation(CultureInfo.InvariantCulture.LCID, CompareOptions.Ordinal),
            created => StoreErrors.Guard(paths, () => StoreInitializer.Initialize(
                created, paths, options.KeyOverride, SchemaMigrations.All, SchemaMigrations.CurrentVersion))));
        var file = new StateDatabase(paths);
        var cipher = StoreErrors.Guard(paths, () => file.Open(
            write: true,
            data => StateFile.Check(paths, data, write: true),
            database => StoreInitializer.Initialize(database, paths, options.KeyOverride, SchemaMigrations.All, SchemaMigrations.CurrentVersion),
            CancellationToken.None));
        return new LiteDbRotationStore(file, copy: null, paths, cipher, timeProvider, readOnly: false);
    }

    /// <summary>
    /// Opens the state file only to read it: creates nothing (no file, directory, key file or lock), writes nothing,
    /// and works on a file and directory the user may only read. A file of an older schema is read through a copy
    /// migrated in memory, and left as it is. Throws <see cref="StoreException"/> as <see cref="Open"/> does, and for
    /// a missing file ("no state file at PATH"). Methods that would write throw <see cref="InvalidOperationException"/>.
    /// </summary>
    public static LiteDbRotationStore OpenReadOnly(StoreOptions options, TimeProvider timeProvider)
    {
        var paths = PathsOf(options, timeProvider);
        StateFile.PrepareForReading(paths);
        var file = new StateDatabase(paths);
        var (cipher, version) = StoreErrors.Guard(paths, () => file.Open(
            write: false,
            data => StateFile.Check(paths, data, write: false),
            database => StoreInitializer.Inspect(database, paths, options.KeyOverride, SchemaMigrations.CurrentVersion),
            CancellationToken.None));
        return version < SchemaMigrations.CurrentVersion
            ? new LiteDbRotationStore(null, StoreErrors.Guard(paths, () => MigratedCopy.Open(paths, version)), paths, cipher, timeProvider, readOnly: true)
            : new LiteDbRotationStore(file, copy: null, paths, cipher, timeProvider, readOnly: true);
    }

    public Task CreateAsync(Rotation rotation, IReadOnlyList<JournalEntry> journal, CancellationToken cancellationToken)
    {
        ThrowIfReadOnly();
        ArgumentNullException.ThrowIfNull(rotation);
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(rotation.Id);
        var document = _rotations.ToDocument(rotation);
        var entries = JournalFor(rotation.Id, journal);
        return WriteAsync(
            database => Transaction.Run(database, () =>
            {
                // The journal goes first so that a refused rotation shows the transaction taking it back too.
                database.GetCollection(Collections.Journal, BsonAutoId.Int64).InsertBulk(entries);
                try
                {
                    database.GetCollection(Collections.Rotations).Insert(document);
                }
                catch (LiteException e) when (e.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
                {
                    throw new InvalidOperationException($"rotation {rotation.Id} already exists", e);
                }

                return true;
            }),
            cancellationToken);
    }

    public Task<Rotation?> FindAsync(RotationId id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return ReadAsync(
            database => database.GetCollection(Collections.Rotations).FindById(id.ToString()) is { } document ? WithProgress(database, _rotations.ToRotation(document)) : null,
            cancellationToken);
    }

    public Task SaveAsync(Rotation rotation, IReadOnlyList<JournalEntry> journal, CancellationToken cancellationToken)
    {
        ThrowIfReadOnly();
        ArgumentNullException.ThrowIfNull(rotation);
        ArgumentNullException.ThrowIfNull(journal);
        var document = _rotations.ToDocument(rotation);
        var entries = JournalFor(rotation.Id, journal);
        return WriteAsync(
            database => Transaction.Run(database, () =>
            {
                database.GetCollection(Collections.Journal, BsonAutoId.Int64).InsertBulk(entries);
                if (!database.GetCollection(Collections.Rotations).Update(document))
                {
                    throw new InvalidOperationException($"rotation {rotation.Id} does not exist; create it first");
                }

                // The rotation in memory holds whatever progress was saved apart; kept, it would be older than this.
                database.GetCollection(Collections.WaitProgress).Delete(rotation.Id.ToString());
                return true;
            }),
            cancellationToken);
    }

    public Task SaveProgressAsync(RotationId id, int stepNumber, WaitProgress progress, CancellationToken cancellationToken)
    {
        ThrowIfReadOnly();
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(progress);
        var document = _progress.ToDocument(id, stepNumber, progress);
        return WriteAsync(database => database.GetCollection(Collections.WaitProgress).Upsert(document), cancellationToken);
    }

    public Task<Rotation?> FindNewestAsync(CancellationToken cancellationToken) =>
        ReadAsync<Rotation?>(
            database =>
            {
                // Down the creation-time index to the newest instant; several rotations of that instant go by id, as in list.
                var rotations = database.GetCollection(Collections.Rotations);
                var newest = rotations.Query().OrderByDescending(RotationDocuments.CreatedOrder).Limit(1).FirstOrDefault();
                if (newest is null)
                {
                    return null;
                }

                var first = rotations.Query()
                    .Where(Query.EQ(RotationDocuments.CreatedOrder, newest[RotationDocuments.CreatedOrder]))
                    .Select(RotationDocuments.IdProjection)
                    .ToList()
                    .Select(document => document["_id"].AsString)
                    .Min(StringComparer.Ordinal) ?? newest["_id"].AsString;
                var document = first == newest["_id"].AsString ? newest : rotations.FindById(first);
                return WithProgress(database, _rotations.ToRotation(document));
            },
            cancellationToken);

    public Task<IReadOnlyList<RotationSummary>> ListAsync(CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<RotationSummary>>(
            database => database.GetCollection(Collections.Rotations).Query()
                .Select(RotationDocuments.SummaryProjection)
                .ToList()
                .Select(RotationDocuments.ToSummary)
                .OrderByDescending(summary => summary.CreatedAt)
                .ThenBy(summary => summary.Id.ToString(), StringComparer.Ordinal)
                .ToList(),
            cancellationToken);

    public Task<IReadOnlyList<JournalEntry>> ReadJournalAsync(RotationId id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return ReadAsync<IReadOnlyList<JournalEntry>>(
            database => database.GetCollection(Collections.Journal)
                .Find(Query.EQ(Collections.JournalRotationId, id.ToString()))
                .OrderBy(document => document["_id"].AsInt64)
                .Select(_journal.ToEntry)
                .ToList(),
            cancellationToken);
    }

    public Task RequestAbortAsync(RotationId id, string reason, CancellationToken cancellationToken)
    {
        ThrowIfReadOnly();
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(reason);
        var request = new BsonDocument
        {
            ["_id"] = id.ToString(),
            ["reason"] = reason,
            ["time"] = _timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
        };
        return WriteAsync(database => database.GetCollection(Collections.AbortRequests).Upsert(request), cancellationToken);
    }

    public Task<string?> FindAbortRequestAsync(RotationId id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return ReadAsync(database => database.GetCollection(Collections.AbortRequests).FindById(id.ToString())?["reason"].AsString, cancellationToken);
    }

    public Task ClearAbortRequestAsync(RotationId id, CancellationToken cancellationToken)
    {
        ThrowIfReadOnly();
        ArgumentNullException.ThrowIfNull(id);
        return WriteAsync(database => database.GetCollection(Collections.AbortRequests).Delete(id.ToString()), cancellationToken);
    }

    public Task ApproveAsync(RotationId id, int step, CancellationToken cancellationToken)
    {
        ThrowIfReadOnly();
        ArgumentNullException.ThrowIfNull(id);
        return UpdateGateRequestAsync(id, request => request["approvedStep"] = step, cancellationToken);
    }

    public Task SetPauseRequestAsync(RotationId id, bool paused, CancellationToken cancellationToken)
    {
        ThrowIfReadOnly();
        ArgumentNullException.ThrowIfNull(id);
        return UpdateGateRequestAsync(id, request => request["paused"] = paused, cancellationToken);
    }

    public Task<GateSignals> ReadAsync(RotationId id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return ReadAsync(
            database => database.GetCollection(Collections.GateRequests).FindById(id.ToString()) is { } request
                ? new GateSignals(request["approvedStep"].IsInt32 ? request["approvedStep"].AsInt32 : null, request["paused"].IsBoolean && request["paused"].AsBoolean)
                : GateSignals.None,
            cancellationToken);
    }

    private Task<bool> UpdateGateRequestAsync(RotationId id, Action<BsonDocument> change, CancellationToken cancellationToken) =>
        WriteAsync(
            database =>
            {
                var requests = database.GetCollection(Collections.GateRequests);
                var request = requests.FindById(id.ToString()) ?? new BsonDocument { ["_id"] = id.ToString() };
                change(request);
                request["time"] = _timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
                return requests.Upsert(request);
            },
            cancellationToken);

    /// <summary>
    /// Takes the rotation's lock file. Released once the rotation is final as stored (Succeeded or RolledBack), the
    /// lock file is deleted: a finished rotation needs no lock, and whoever takes one again reads it final.
    /// </summary>
    public Task<RunLock> TryLockAsync(RotationId id, string owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(owner);
        ThrowIfReadOnly();
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        return RunLockFile.TryAcquireAsync(_paths, id, owner, _timeProvider, () => IsFinalAsync(id), cancellationToken);
    }

    /// <summary>
    /// Reads the lock file without creating anything. When it does not name a holder that is gone, it takes the
    /// lock shared for an instant to learn whether anyone holds it; <see cref="TryLockAsync"/> waits such an
    /// instant out (see <see cref="RunnerProbe"/>), so asking never makes a runner fail to take its lock.
    /// </summary>
    public Task<string?> FindRunnerAsync(RotationId id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        return RunnerProbe.FindAsync(_paths, id, _timeProvider, cancellationToken);
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _copy?.Dispose();
        }
    }

    private static StatePaths PathsOf(StoreOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        return string.IsNullOrWhiteSpace(options.Path)
            ? throw new StoreException("no state file given: set ORCHESTRATOR_STATE or pass a path")
            : StatePaths.For(options.Path);
    }

    private void ThrowIfReadOnly()
    {
        if (_readOnly)
        {
            throw new InvalidOperationException($"state file {_paths.Database} was opened only to read");
        }
    }

    /// <summary>Whether the rotation is stored as Succeeded or RolledBack, which nothing changes again; reads its state alone.</summary>
    private Task<bool> IsFinalAsync(RotationId id) =>
        ReadAsync(
            database => database.GetCollection(Collections.Rotations).Query()
                    .Where(Query.EQ("_id", id.ToString()))
                    .Select(RotationDocuments.StateProjection)
                    .FirstOrDefault()?[RotationDocuments.State] is { IsString: true } state
                && Enum.TryParse<RotationState>(state.AsString, out var parsed)
                && parsed is RotationState.Succeeded or RotationState.RolledBack,
            CancellationToken.None);

    /// <summary>In the caller's operation, so that the rotation and its progress are read as of one moment.</summary>
    private Rotation WithProgress(ILiteDatabase database, Rotation rotation) =>
        _progress.Apply(rotation, database.GetCollection(Collections.WaitProgress).FindById(rotation.Id.ToString()));

    private List<BsonDocument> JournalFor(RotationId rotationId, IReadOnlyList<JournalEntry> journal) =>
        journal.Select(entry => entry.RotationId == rotationId
                ? _journal.ToDocument(entry)
                : throw new ArgumentException($"a journal entry of rotation {entry.RotationId} was given with rotation {rotationId}", nameof(journal)))
            .ToList();

    /// <summary>LiteDB is synchronous: each operation runs whole on one pool thread, never blocking the caller's.</summary>
    private Task<T> ReadAsync<T>(Func<ILiteDatabase, T> read, CancellationToken cancellationToken) =>
        RunAsync(() => _copy is null ? _file!.Read(read, cancellationToken) : read(_copy), cancellationToken);

    private Task<T> WriteAsync<T>(Func<ILiteDatabase, T> write, CancellationToken cancellationToken)
    {
        ThrowIfReadOnly();
        return RunAsync(() => _file!.Write(write, cancellationToken), cancellationToken);
    }

    private Task<T> RunAsync<T>(Func<T> operation, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.Run(() => StoreErrors.Guard(_paths, operation), cancellationToken);
    }
}
