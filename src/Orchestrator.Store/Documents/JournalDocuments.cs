using LiteDB;
using Orchestrator.Core.Rotations;

namespace Orchestrator.Store.Documents;

/// <summary>A journal entry as stored: its own fields, camelCase, with LiteDB's auto-numbered <c>_id</c> giving the order.</summary>
internal sealed class JournalDocuments(DocumentSerializer serializer)
{
    public BsonDocument ToDocument(JournalEntry entry) => serializer.ToDocument(entry);

    public JournalEntry ToEntry(BsonDocument document)
    {
        var fields = new BsonDocument();
        foreach (var (name, value) in document)
        {
            if (name != "_id")
            {
                fields[name] = value;
            }
        }

        return serializer.FromDocument<JournalEntry>(fields);
    }
}
