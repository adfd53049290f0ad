using Orchestrator.Core.Security;

namespace Orchestrator.Core.Rotations;

/// <summary>A CA as the rotation keeps it: the certificate, its private key (never shown), and what identifies it.</summary>
public sealed record CaMaterial(string CertificatePem, SensitiveText PrivateKey, string Subject, string Sha256Fingerprint, DateTimeOffset NotAfter);
