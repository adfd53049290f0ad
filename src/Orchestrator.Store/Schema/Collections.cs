namespace Orchestrator.Store.Schema;

/// <summary>The state file's collections and the field names more than one type relies on.</summary>
internal static class Collections
{
    /// <summary>One document per rotation: summary fields for <c>list</c>, then the whole rotation.</summary>
    public const string Rotations = "rotations";

    /// <summary>Append-only history, auto-numbered, indexed by <see cref="JournalRotationId"/>.</summary>
    public const string Journal = "journal";

    /// <summary>One document, <see cref="MetaId"/>: the schema version and the key check.</summary>
    public const string Meta = "meta";

    public const string MetaId = "store";

    /// <summary>Pending abort requests, one per rotation id; absent in files written before it existed, which is the same as none.</summary>
    public const string AbortRequests = "abortRequests";

    /// <summary>Approvals and pause requests, one document per rotation id; absent in older files, which is the same as none.</summary>
    public const string GateRequests = "gateRequests";

    /// <summary>
    /// A running wait's progress, one per rotation id, saved apart from the rotation's large document; absent in files
    /// written before it existed, and after any save of the rotation itself, which carries the same progress.
    /// </summary>
    public const string WaitProgress = "waitProgress";

    public const string JournalRotationId = "rotationId";
}
