namespace Orchestrator.Core.Rotations;

/// <summary>
/// A Secret change recorded before it is made (the intent: what it will write and the region as it was) and marked
/// done after, so that a resumed rotation never writes the same content twice.
/// </summary>
public sealed record SecretWrite
{
    /// <summary>The operator's checksum of the data to write: what its annotation must show once it has acted on it.</summary>
    public required string TargetChecksum { get; init; }

    public required RolloutBaseline Baseline { get; init; }

    public required DateTimeOffset IntendedAt { get; init; }

    public bool Done { get; init; }

    public DateTimeOffset? DoneAt { get; init; }

    /// <summary>False when the Secret already held the data (a write that landed before a crash, or someone else's).</summary>
    public bool WrittenByThisStep { get; init; }

    public string? ResourceVersion { get; init; }
}
