namespace Orchestrator.Crypto;

/// <summary>What an operator needs to know about a certificate, read from its PEM.</summary>
/// <param name="Subject">Subject in RFC 2253 order, for example <c>O=ca1</c>.</param>
/// <param name="Alias">Value of the subject's O attribute (<c>ca1</c>); null when the subject has none.</param>
/// <param name="Issuer">Issuer in RFC 2253 order.</param>
/// <param name="Sha256Fingerprint">Uppercase hex with colons, as <c>openssl x509 -fingerprint -sha256</c> prints it.</param>
/// <param name="NotBefore">Start of validity.</param>
/// <param name="NotAfter">End of validity.</param>
/// <param name="IsCertificateAuthority">True when basicConstraints says CA:TRUE.</param>
/// <param name="KeySizeBits">Size of the public key (RSA modulus bits, or EC field bits).</param>
/// <param name="SerialNumberHex">Uppercase hex, as <c>openssl x509 -serial</c> prints it.</param>
public sealed record CertificateDetails(
    string Subject,
    string? Alias,
    string Issuer,
    string Sha256Fingerprint,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    bool IsCertificateAuthority,
    int KeySizeBits,
    string SerialNumberHex);
