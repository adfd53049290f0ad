using Orchestrator.Core.Rotations;

namespace Orchestrator.Core.Verification;

/// <summary>A region's phase, what it was decided from, and why.</summary>
/// <param name="Rotation">The id of the rotation whose CAs decided it, when <paramref name="Evidence"/> is <see cref="PhaseEvidence.Rotation"/>.</param>
/// <param name="Reason">One sentence a person can check against the Secret.</param>
public sealed record PhaseVerdict(RotationPhase Phase, PhaseEvidence Evidence, RotationId? Rotation, string Reason);
