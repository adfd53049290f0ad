namespace Orchestrator.Crypto.NodeTls;

/// <summary>The contents of a node TLS Secret, as the operator regenerates it when the CA Secret changes.</summary>
/// <param name="CertificatePem">Node certificate, signed by the CA (<c>tls.crt</c>).</param>
/// <param name="PrivateKeyPem">Node private key, PKCS#8 (<c>tls.key</c>).</param>
/// <param name="Keystore">PKCS#12: node key, node certificate and the CA chain (<c>keystore.p12</c>).</param>
/// <param name="KeystorePassword">Password of <paramref name="Keystore"/>.</param>
/// <param name="Truststore">PKCS#12: trusted-certificate entries only (<c>truststore.p12</c>).</param>
/// <param name="TruststorePassword">Password of <paramref name="Truststore"/>.</param>
public sealed record NodeTlsMaterial(
    string CertificatePem,
    string PrivateKeyPem,
    byte[] Keystore,
    string KeystorePassword,
    byte[] Truststore,
    string TruststorePassword)
{
    // Records print every member by default; keys, stores and passwords must never reach a log.
    public override string ToString() =>
        $"NodeTlsMaterial {{ CertificatePem = [{CertificatePem.Length} chars], PrivateKeyPem = [redacted], "
        + $"Keystore = [{Keystore.Length} bytes], KeystorePassword = [redacted], "
        + $"Truststore = [{Truststore.Length} bytes], TruststorePassword = [redacted] }}";
}
