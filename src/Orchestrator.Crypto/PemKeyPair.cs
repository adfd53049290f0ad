namespace Orchestrator.Crypto;

/// <summary>PEM text of a certificate and its private key.</summary>
public sealed record PemKeyPair(string CertificatePem, string PrivateKeyPem)
{
    // Records print every member by default; the private key must never reach a log.
    public override string ToString() =>
        $"PemKeyPair {{ CertificatePem = [{CertificatePem.Length} chars], PrivateKeyPem = [redacted] }}";
}
