using LiteDB;

namespace Orchestrator.Store.Schema;

/// <summary>
/// Brings a state file from <see cref="FromVersion"/> to the next version, in place. It runs inside the opening
/// transaction with every other pending migration, so a failure leaves the file as it was.
/// </summary>
internal sealed record SchemaMigration(int FromVersion, string Description, Action<ILiteDatabase> Apply);
