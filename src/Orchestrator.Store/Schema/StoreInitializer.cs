using System.Security.Cryptography;
using LiteDB;
using Orchestrator.Core.Persistence;
using Orchestrator.Store.Engine;
using Orchestrator.Store.Files;
using Orchestrator.Store.Security;

namespace Orchestrator.Store.Schema;

/// <summary>
/// What opening a state file settles, in one transaction so that two processes opening a new file at once agree:
/// the schema version (new file, older schema to migrate, or newer schema to refuse), and the state key, checked
/// against the value encrypted under it when the file was first used.
/// </summary>
internal static class StoreInitializer
{
    private const string SchemaVersionField = "schemaVersion";
    private const string KeyCheckField = "keyCheck";
    private const string KeyCheckText = "orchestrator state key check";

    public static FieldCipher Initialize(ILiteDatabase database, StatePaths paths, string? keyOverride, IReadOnlyList<SchemaMigration> migrations, int currentVersion) =>
        Transaction.Run(database, () =>
        {
            var metaCollection = database.GetCollection(Collections.Meta);
            var meta = metaCollection.FindById(Collections.MetaId);
            var version = meta is null ? InferVersion(database, paths, currentVersion, makeNewCurrent: true) : ReadVersion(meta, paths, currentVersion);
            var storedCheck = StoredCheck(meta);
            var cipher = Cipher(paths, keyOverride, storedCheck, mayCreateKey: true);
            Migrate(database, migrations, version, currentVersion);
            if (meta is null || version != currentVersion || storedCheck is null)
            {
                metaCollection.Upsert(new BsonDocument
                {
                    ["_id"] = Collections.MetaId,
                    [SchemaVersionField] = currentVersion,
                    [KeyCheckField] = storedCheck ?? cipher.Encrypt(KeyCheckText),
                });
            }

            return cipher;
        });

    /// <summary>
    /// What <see cref="Initialize"/> would settle, for a file opened only to read: its schema version (a newer one
    /// refused) and the checked key. Writes nothing, migrates nothing, and never makes a key file.
    /// </summary>
    public static (FieldCipher Cipher, int Version) Inspect(ILiteDatabase database, StatePaths paths, string? keyOverride, int currentVersion) =>
        Transaction.Run(database, () =>
        {
            var meta = database.GetCollection(Collections.Meta).FindById(Collections.MetaId);
            var version = meta is null ? InferVersion(database, paths, currentVersion, makeNewCurrent: false) : ReadVersion(meta, paths, currentVersion);
            return (Cipher(paths, keyOverride, StoredCheck(meta), mayCreateKey: false), version);
        });

    /// <summary>Applies every migration from <paramref name="version"/> up to <paramref name="currentVersion"/>, in the caller's transaction.</summary>
    public static void Migrate(ILiteDatabase database, IReadOnlyList<SchemaMigration> migrations, int version, int currentVersion)
    {
        for (var from = version; from < currentVersion; from++)
        {
            var migration = migrations.SingleOrDefault(candidate => candidate.FromVersion == from)
                ?? throw new InvalidOperationException($"no migration from schema {from}");
            migration.Apply(database);
        }
    }

    private static string? StoredCheck(BsonDocument? meta) => meta?[KeyCheckField] is { IsString: true } check ? check.AsString : null;

    private static FieldCipher Cipher(StatePaths paths, string? keyOverride, string? storedCheck, bool mayCreateKey)
    {
        var cipher = new FieldCipher(LoadKey(paths, keyOverride, keyExpected: storedCheck is not null || !mayCreateKey));
        if (storedCheck is not null)
        {
            Verify(cipher, storedCheck, paths);
        }

        return cipher;
    }

    /// <summary>A file without <c>meta</c>: new and empty (made current here), schema 0, or another program's.</summary>
    private static int InferVersion(ILiteDatabase database, StatePaths paths, int currentVersion, bool makeNewCurrent)
    {
        var names = database.GetCollectionNames().ToList();
        if (names.Count == 0)
        {
            // Read as it is, an empty file needs no index: it has nothing to find.
            if (makeNewCurrent)
            {
                SchemaMigrations.CreateIndexes(database);
            }

            return currentVersion;
        }

        if (names.Contains(Collections.Rotations, StringComparer.OrdinalIgnoreCase)
            && names.All(name => name.Equals(Collections.Rotations, StringComparison.OrdinalIgnoreCase) || name.Equals(Collections.Journal, StringComparison.OrdinalIgnoreCase)))
        {
            return 0;
        }

        throw new StoreException($"state file {paths.Database} is a LiteDB database of another program (collections: {string.Join(", ", names)}); move it aside or choose another path");
    }

    private static int ReadVersion(BsonDocument meta, StatePaths paths, int currentVersion)
    {
        var version = meta[SchemaVersionField] is { IsInt32: true } field
            ? field.AsInt32
            : throw new StoreException($"state file {paths.Database} is damaged (its schema version is missing); restore it from a backup or move it aside");
        return version <= currentVersion
            ? version
            : throw new StoreException($"state file {paths.Database} was written by a newer orchestrator (schema {version}); upgrade");
    }

    private static byte[] LoadKey(StatePaths paths, string? keyOverride, bool keyExpected)
    {
        if (keyOverride is not null)
        {
            return StateKey.FromBase64(keyOverride);
        }

        var key = StateKey.Read(paths.KeyFile);
        if (key is not null)
        {
            return key;
        }

        return keyExpected
            ? throw new StoreException($"cannot decrypt state file {paths.Database}: its key file {paths.KeyFile} is missing; restore it, or set {StoreOptions.KeyVariable} to the key")
            : StateKey.Create(paths.KeyFile);
    }

    private static void Verify(FieldCipher cipher, string storedCheck, StatePaths paths)
    {
        try
        {
            if (cipher.Decrypt(storedCheck) == KeyCheckText)
            {
                return;
            }
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            throw new StoreException(StoreErrors.KeyMismatch(paths), e);
        }

        throw new StoreException(StoreErrors.KeyMismatch(paths));
    }
}
