using Orchestrator.Core.Rotations;

namespace Orchestrator.Core.Verification;

/// <summary>What a rotation in the state file says about a CA Secret: the CA it started from and the CA it moves to.</summary>
/// <param name="OldCaSha256">The old CA's SHA-256 fingerprint, as <see cref="Crypto.CertificateDetails.Sha256Fingerprint"/> writes it.</param>
/// <param name="NewCaSha256">The new CA's SHA-256 fingerprint.</param>
public sealed record RecordedRotation(RotationId Id, string OldCaSha256, string NewCaSha256);
