using LiteDB;
using Orchestrator.Core.Rotations;

namespace Orchestrator.Store.Documents;

/// <summary>
/// A journal entry as stored: its own fields, camelCase, with LiteDB's auto-numbered <c>_id</c> giving the order
/// (and skipped when read back, as any member the entry does not have).
/// </summary>
internal sealed class JournalDocuments(DocumentSerializer serializer)
{
    public BsonDocument ToDocument(JournalEntry entry) => serializer.ToDocument(entry);

    public JournalEntry ToEntry(BsonDocument document) => serializer.FromDocument<JournalEntry>(document);
}
