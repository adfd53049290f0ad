namespace Orchestrator.Core.Rotations;

/// <summary>A StatefulSet's generation and update revision at one moment.</summary>
public sealed record StatefulSetRevision(string Name, long Generation, string? UpdateRevision);
