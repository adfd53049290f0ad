namespace Orchestrator.Cli.Tests.Reliability;

/// <summary>What can be wrong with the file given as the state file.</summary>
public enum StateFileProblem
{
    /// <summary>Random bytes.</summary>
    GarbageBytes,

    /// <summary>A real state file cut short (a full disk, a copy interrupted).</summary>
    Truncated,

    /// <summary>A text file (the spec, say) given as the state file.</summary>
    TextFile,

    /// <summary>A state file whose schema is newer than this orchestrator's.</summary>
    NewerSchema,

    /// <summary>A real state file opened with another key than the one that wrote it.</summary>
    KeyMismatch,

    /// <summary>An empty file (0 bytes), which no state file ever is.</summary>
    Empty,
}
