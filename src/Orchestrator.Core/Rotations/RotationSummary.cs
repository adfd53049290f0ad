namespace Orchestrator.Core.Rotations;

/// <summary>A rotation as <c>list</c> shows it: without its steps.</summary>
public sealed record RotationSummary(RotationId Id, RotationState State, string Cluster, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
