using Orchestrator.Crypto.Certificates;
using Orchestrator.Crypto.NodeTls;
using Orchestrator.Crypto.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.Crypto.Tests.Authority;

/// <summary>The generated CA as the procedure's own tools see it: OpenSSL and Java's keytool.</summary>
public sealed class CertificateAuthorityInteropTests(TestAuthorities authorities) : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task OpenSslText_GeneratedCa_ShowsSubjectCaFlagAndKeyUsage()
    {
        _directory.Write("ca.pem", authorities.Ca2.CertificatePem);

        var result = (await OpenSsl.RunAsync(_directory.Path, "x509", "-in", "ca.pem", "-noout", "-text")).AssertSucceeded();

        Assert.Contains("Subject: O = ca2", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Issuer: O = ca2", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("CA:TRUE", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Certificate Sign, CRL Sign", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Signature Algorithm: sha256WithRSAEncryption", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Public-Key: (2048 bit)", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Exponent: 65537 (0x10001)", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("X509v3 Subject Key Identifier", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("X509v3 Authority Key Identifier", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenSslVerify_GeneratedCa_VerifiesAgainstItself()
    {
        _directory.Write("ca.pem", authorities.Ca2.CertificatePem);

        var result = await OpenSsl.RunAsync(_directory.Path, "verify", "-attime", OpenSsl.VerifyTime, "-CAfile", "ca.pem", "ca.pem");

        result.AssertSucceeded();
        Assert.Equal("ca.pem: OK", result.StandardOutput.Trim());
    }

    [Fact]
    public async Task OpenSslRsa_GeneratedKey_IsConsistentPkcs1OfTheCertificate()
    {
        _directory.Write("ca.pem", authorities.Ca2.CertificatePem);
        _directory.Write("ca.key", authorities.Ca2.PrivateKeyPem);

        var check = (await OpenSsl.RunAsync(_directory.Path, "rsa", "-in", "ca.key", "-check", "-noout")).AssertSucceeded();
        var keyModulus = (await OpenSsl.RunAsync(_directory.Path, "rsa", "-in", "ca.key", "-noout", "-modulus")).AssertSucceeded();
        var certificateModulus = (await OpenSsl.RunAsync(_directory.Path, "x509", "-in", "ca.pem", "-noout", "-modulus")).AssertSucceeded();

        Assert.Contains("RSA key ok", check.StandardOutput, StringComparison.Ordinal);
        Assert.StartsWith("Modulus=", keyModulus.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(certificateModulus.StandardOutput, keyModulus.StandardOutput);
    }

    [Fact]
    public async Task OpenSslFingerprintAndSerial_GeneratedCa_MatchDescribe()
    {
        _directory.Write("ca.pem", authorities.Ca2.CertificatePem);
        var details = PemCertificates.Describe(authorities.Ca2.CertificatePem);

        var result = (await OpenSsl.RunAsync(_directory.Path, "x509", "-in", "ca.pem", "-noout", "-fingerprint", "-sha256", "-serial"))
            .AssertSucceeded();

        Assert.Contains($"sha256 Fingerprint={details.Sha256Fingerprint}\n", result.StandardOutput, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"serial={details.SerialNumberHex}\n", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeytoolImport_GeneratedCa_BecomesTrustedEntryWeCanReadBack()
    {
        _directory.Write("ca2.crt", authorities.Ca2.CertificatePem);

        (await Keytool.RunAsync(
            _directory.Path,
            "-importcert", "-noprompt", "-storetype", "PKCS12", "-keystore", "truststore.p12", "-storepass", "changeit", "-alias", "ca2", "-file", "ca2.crt"))
            .AssertSucceeded();
        var list = (await Keytool.RunAsync(_directory.Path, "-list", "-storetype", "PKCS12", "-keystore", "truststore.p12", "-storepass", "changeit"))
            .AssertSucceeded();

        Assert.Contains("ca2, ", list.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("trustedCertEntry", list.StandardOutput, StringComparison.Ordinal);
        var entry = Assert.Single(Truststores.ReadTrustedCertificates(File.ReadAllBytes(_directory.File("truststore.p12")), "changeit"));
        Assert.Equal("ca2", entry.Alias);
        Assert.Equal(
            PemCertificates.Describe(authorities.Ca2.CertificatePem).Sha256Fingerprint,
            PemCertificates.Describe(entry.CertificatePem).Sha256Fingerprint);
    }

    public void Dispose() => _directory.Dispose();
}
