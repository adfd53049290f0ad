using Orchestrator.Crypto.NodeTls;
using Orchestrator.Crypto.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.Crypto.Tests.NodeTls;

/// <summary>The node material as Cassandra's JVM and OpenSSL see it.</summary>
public sealed class NodeTlsInteropTests(TestAuthorities authorities) : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [Theory]
    [InlineData("sslserver")]
    [InlineData("sslclient")]
    public async Task OpenSslVerify_NodeCertificate_ChainsToTheCaForBothTlsRoles(string purpose)
    {
        _directory.Write("ca.pem", authorities.Ca1.CertificatePem);
        _directory.Write("node.pem", authorities.Ca1Node.CertificatePem);

        var result = await OpenSsl.RunAsync(
            _directory.Path, "verify", "-attime", OpenSsl.VerifyTime, "-purpose", purpose, "-CAfile", "ca.pem", "node.pem");

        result.AssertSucceeded();
        Assert.Equal("node.pem: OK", result.StandardOutput.Trim());
    }

    [Fact]
    public async Task OpenSslVerify_NodeCertificateAgainstTheOtherCaWithTheSameName_Fails()
    {
        _directory.Write("ca.pem", authorities.Ca1Twin.CertificatePem);
        _directory.Write("node.pem", authorities.Ca1Node.CertificatePem);

        var result = await OpenSsl.RunAsync(_directory.Path, "verify", "-attime", OpenSsl.VerifyTime, "-CAfile", "ca.pem", "node.pem");

        // OpenSSL rejects it already by key identifier; without one, the signature check would.
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("node.pem: verification failed", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenSslPkcs12_Keystore_ReadableWithoutLegacyProvider()
    {
        var node = authorities.Ca1Node;
        _directory.Write("keystore.p12", node.Keystore);

        var info = (await OpenSsl.RunAsync(
            _directory.Path, "pkcs12", "-info", "-nokeys", "-in", "keystore.p12", "-passin", "pass:" + node.KeystorePassword))
            .AssertSucceeded();
        var key = (await OpenSsl.RunAsync(
            _directory.Path, "pkcs12", "-nocerts", "-nodes", "-in", "keystore.p12", "-passin", "pass:" + node.KeystorePassword))
            .AssertSucceeded();

        Assert.Contains("subject=CN = " + TestAuthorities.NodeCommonName, info.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("subject=O = ca1", info.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("PBES2, PBKDF2, AES-256-CBC", info.StandardError, StringComparison.Ordinal);
        Assert.Contains("friendlyName: " + NodeTlsIssuer.KeystoreAlias, info.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("-----BEGIN PRIVATE KEY-----", key.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenSslPkcs12_Truststore_CarriesJavasTrustedKeyUsageAttribute()
    {
        var node = authorities.Ca1Node;
        _directory.Write("truststore.p12", node.Truststore);

        var info = (await OpenSsl.RunAsync(
            _directory.Path, "pkcs12", "-info", "-nokeys", "-in", "truststore.p12", "-passin", "pass:" + node.TruststorePassword))
            .AssertSucceeded();

        Assert.Contains("friendlyName: ca1", info.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("friendlyName: ca2", info.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("2.16.840.1.113894.746875.1.1", info.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("Shrouded Keybag", info.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeytoolList_Keystore_ShowsPrivateKeyEntryWithChainOfTwo()
    {
        var node = authorities.Ca1Node;
        _directory.Write("keystore.p12", node.Keystore);

        var result = (await Keytool.RunAsync(
            _directory.Path, "-list", "-v", "-storetype", "PKCS12", "-keystore", "keystore.p12", "-storepass", node.KeystorePassword))
            .AssertSucceeded();

        Assert.Contains("Your keystore contains 1 entry", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Alias name: " + NodeTlsIssuer.KeystoreAlias, result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Entry type: PrivateKeyEntry", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Certificate chain length: 2", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Owner: CN=" + TestAuthorities.NodeCommonName, result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Owner: O=ca1", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeytoolList_Truststore_ShowsEveryCaAsTrustedCertEntry()
    {
        var node = authorities.Ca1Node;
        _directory.Write("truststore.p12", node.Truststore);

        var result = (await Keytool.RunAsync(
            _directory.Path, "-list", "-storetype", "PKCS12", "-keystore", "truststore.p12", "-storepass", node.TruststorePassword))
            .AssertSucceeded();

        Assert.Contains("Your keystore contains 2 entries", result.StandardOutput, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^ca1, .*, trustedCertEntry,", result.StandardOutput);
        Assert.Matches(@"(?m)^ca2, .*, trustedCertEntry,", result.StandardOutput);
    }

    [Fact]
    public async Task KeytoolList_TruststoreOfCollidingCas_ShowsOneEntry()
    {
        var node = NodeTlsIssuer.Issue(
            authorities.Ca1.CertificatePem,
            authorities.Ca1.PrivateKeyPem,
            [authorities.Ca1.CertificatePem, authorities.Ca1Twin.CertificatePem],
            "node-0",
            [],
            TestAuthorities.Clock);
        _directory.Write("truststore.p12", node.Truststore);

        var result = (await Keytool.RunAsync(
            _directory.Path, "-list", "-storetype", "PKCS12", "-keystore", "truststore.p12", "-storepass", node.TruststorePassword))
            .AssertSucceeded();

        Assert.Contains("Your keystore contains 1 entry", result.StandardOutput, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^ca1, .*, trustedCertEntry,", result.StandardOutput);
    }

    public void Dispose() => _directory.Dispose();
}
