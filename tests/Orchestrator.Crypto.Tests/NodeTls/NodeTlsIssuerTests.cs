using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Orchestrator.Crypto.Certificates;
using Orchestrator.Crypto.NodeTls;
using Orchestrator.Crypto.Tests.Support;

namespace Orchestrator.Crypto.Tests.NodeTls;

public sealed class NodeTlsIssuerTests(TestAuthorities authorities)
{
    private const string ServerAuth = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuth = "1.3.6.1.5.5.7.3.2";

    [Fact]
    public void Issue_ValidCa_NodeCertificateSignedByTheCa()
    {
        var node = authorities.Ca1Node;

        Assert.True(PemCertificates.IsSignedBy(node.CertificatePem, authorities.Ca1.CertificatePem));
        Assert.False(PemCertificates.IsSignedBy(node.CertificatePem, authorities.Ca1Twin.CertificatePem));
    }

    [Fact]
    public void Issue_KeptNodeKey_NewCertificateOfTheSameKeySignedByTheNewCa()
    {
        var earlier = authorities.Ca1Node;

        var reissued = NodeTlsIssuer.Issue(
            authorities.Ca2.CertificatePem,
            authorities.Ca2.PrivateKeyPem,
            [authorities.Ca2.CertificatePem],
            TestAuthorities.NodeCommonName,
            TestAuthorities.NodeDnsNames,
            TestAuthorities.Clock,
            nodePrivateKeyPem: earlier.PrivateKeyPem);

        Assert.Equal(earlier.PrivateKeyPem, reissued.PrivateKeyPem);
        Assert.True(PemCertificates.IsSignedBy(reissued.CertificatePem, authorities.Ca2.CertificatePem));
        using var before = X509Certificate2.CreateFromPem(earlier.CertificatePem);
        using var after = X509Certificate2.CreateFromPem(reissued.CertificatePem);
        Assert.Equal(before.PublicKey.EncodedKeyValue.RawData, after.PublicKey.EncodedKeyValue.RawData);
    }

    [Fact]
    public void Issue_KeptNodeKeyNotAnRsaKey_RefusedNamingIt()
    {
        var refused = Assert.Throws<CryptoInputException>(() => NodeTlsIssuer.Issue(
            authorities.Ca1.CertificatePem,
            authorities.Ca1.PrivateKeyPem,
            [authorities.Ca1.CertificatePem],
            TestAuthorities.NodeCommonName,
            TestAuthorities.NodeDnsNames,
            TestAuthorities.Clock,
            nodePrivateKeyPem: "not a key"));

        Assert.Contains("node private key", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Issue_FixedClock_NodeCertificateDetails()
    {
        var details = PemCertificates.Describe(authorities.Ca1Node.CertificatePem);

        Assert.Equal("CN=" + TestAuthorities.NodeCommonName, details.Subject);
        Assert.Equal("O=ca1", details.Issuer);
        Assert.False(details.IsCertificateAuthority);
        Assert.Equal(2048, details.KeySizeBits);
        Assert.Equal(TestAuthorities.IssuedAt, details.NotBefore);
        Assert.Equal(TestAuthorities.IssuedAt.AddDays(365), details.NotAfter);
    }

    [Fact]
    public void Issue_ValidCa_NodeCertificateServesAndConnectsForItsNames()
    {
        using var certificate = X509Certificate2.CreateFromPem(authorities.Ca1Node.CertificatePem);

        var names = Assert.Single(certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>());
        Assert.Equal(TestAuthorities.NodeDnsNames, names.EnumerateDnsNames());

        var usages = Assert.Single(certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>());
        Assert.Equal([ServerAuth, ClientAuth], usages.EnhancedKeyUsages.Cast<Oid>().Select(oid => oid.Value));

        var keyUsage = Assert.Single(certificate.Extensions.OfType<X509KeyUsageExtension>());
        Assert.True(keyUsage.Critical);
        Assert.Equal(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, keyUsage.KeyUsages);

        var basicConstraints = Assert.Single(certificate.Extensions.OfType<X509BasicConstraintsExtension>());
        Assert.True(basicConstraints.Critical);
        Assert.False(basicConstraints.CertificateAuthority);
        Assert.Equal("1.2.840.113549.1.1.11", certificate.SignatureAlgorithm.Value);
    }

    [Fact]
    public void Issue_ValidCa_AuthorityKeyIdentifierIsTheCasKeyIdentifier()
    {
        using var node = X509Certificate2.CreateFromPem(authorities.Ca1Node.CertificatePem);
        using var ca = X509Certificate2.CreateFromPem(authorities.Ca1.CertificatePem);

        var authorityKeyId = Assert.Single(node.Extensions.OfType<X509AuthorityKeyIdentifierExtension>());
        var caKeyId = Assert.Single(ca.Extensions.OfType<X509SubjectKeyIdentifierExtension>());
        Assert.Equal(caKeyId.SubjectKeyIdentifierBytes.ToArray(), authorityKeyId.KeyIdentifier?.ToArray());
    }

    [Fact]
    public void Issue_ValidCa_PrivateKeyIsPkcs8AndMatchesNodeCertificate()
    {
        var node = authorities.Ca1Node;

        Assert.StartsWith("-----BEGIN PRIVATE KEY-----\n", node.PrivateKeyPem, StringComparison.Ordinal);
        Assert.True(PemCertificates.KeyMatchesCertificate(node.CertificatePem, node.PrivateKeyPem));
    }

    [Fact]
    public void Issue_ValidCa_KeystoreHoldsNodeKeyCertificateAndCaChain()
    {
        var node = authorities.Ca1Node;

        // Loaded by the platform's PKCS#12 reader, not the library that wrote it.
        var collection = X509CertificateLoader.LoadPkcs12Collection(node.Keystore, node.KeystorePassword);
        try
        {
            Assert.Equal(2, collection.Count);
            var withKey = Assert.Single(collection, certificate => certificate.HasPrivateKey);
            Assert.Equal(node.CertificatePem.Trim(), withKey.ExportCertificatePem().Trim());
            var ca = Assert.Single(collection, certificate => !certificate.HasPrivateKey);
            Assert.Equal(authorities.Ca1.CertificatePem.Trim(), ca.ExportCertificatePem().Trim());
        }
        finally
        {
            foreach (var certificate in collection)
            {
                certificate.Dispose();
            }
        }
    }

    [Fact]
    public void Issue_TwoTrustedCas_TruststoreHoldsBothUnderTheirAliases()
    {
        var node = authorities.Ca1Node;

        var trusted = Truststores.ReadTrustedCertificates(node.Truststore, node.TruststorePassword);

        Assert.Equal(["ca1", "ca2"], trusted.Select(entry => entry.Alias));
        Assert.Equal(Fingerprint(authorities.Ca1.CertificatePem), Fingerprint(trusted[0].CertificatePem));
        Assert.Equal(Fingerprint(authorities.Ca2.CertificatePem), Fingerprint(trusted[1].CertificatePem));
    }

    [Fact]
    public void Issue_TwoCasWithTheSameOrganization_LaterReplacesEarlier()
    {
        var node = NodeTlsIssuer.Issue(
            authorities.Ca1.CertificatePem,
            authorities.Ca1.PrivateKeyPem,
            [authorities.Ca1.CertificatePem, authorities.Ca1Twin.CertificatePem],
            "node-0",
            [],
            TestAuthorities.Clock);

        var trusted = Truststores.ReadTrustedCertificates(node.Truststore, node.TruststorePassword);

        // The node's own CA is gone from its truststore: the operator's "aliases must differ" failure.
        var entry = Assert.Single(trusted);
        Assert.Equal("ca1", entry.Alias);
        Assert.Equal(Fingerprint(authorities.Ca1Twin.CertificatePem), Fingerprint(entry.CertificatePem));
    }

    [Fact]
    public void Issue_CollisionBetweenOtherCas_KeepsThePositionOfTheFirst()
    {
        var node = NodeTlsIssuer.Issue(
            authorities.Ca2.CertificatePem,
            authorities.Ca2.PrivateKeyPem,
            [authorities.Ca1.CertificatePem, authorities.Ca2.CertificatePem, authorities.Ca1Twin.CertificatePem],
            "node-0",
            [],
            TestAuthorities.Clock);

        var trusted = Truststores.ReadTrustedCertificates(node.Truststore, node.TruststorePassword);

        Assert.Equal(["ca1", "ca2"], trusted.Select(entry => entry.Alias));
        Assert.Equal(Fingerprint(authorities.Ca1Twin.CertificatePem), Fingerprint(trusted[0].CertificatePem));
    }

    [Fact]
    public void Issue_NoDnsNames_CertificateWithoutSubjectAlternativeNames()
    {
        var node = NodeTlsIssuer.Issue(
            authorities.Ca2.CertificatePem, authorities.Ca2.PrivateKeyPem, [authorities.Ca2.CertificatePem], "node-0", [], TestAuthorities.Clock);

        using var certificate = X509Certificate2.CreateFromPem(node.CertificatePem);
        Assert.Empty(certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>());
        Assert.Equal("CN=node-0", PemCertificates.Describe(node.CertificatePem).Subject);
    }

    [Fact]
    public void Issue_KeyOfAnotherCa_ThrowsCryptoInputException()
    {
        var exception = Assert.Throws<CryptoInputException>(() => NodeTlsIssuer.Issue(
            authorities.Ca1.CertificatePem,
            authorities.Ca1Twin.PrivateKeyPem,
            [authorities.Ca1.CertificatePem],
            "node-0",
            [],
            TestAuthorities.Clock));

        Assert.Equal("CA private key does not belong to the CA certificate (O=ca1).", exception.Message);
    }

    [Fact]
    public void Issue_GarbageCaCertificate_ThrowsNamingTheCaCertificate()
    {
        var exception = Assert.Throws<CryptoInputException>(() => NodeTlsIssuer.Issue(
            "garbage", authorities.Ca1.PrivateKeyPem, [authorities.Ca1.CertificatePem], "node-0", [], TestAuthorities.Clock));

        Assert.StartsWith("CA certificate ", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Issue_CertificateAsCaKey_ThrowsNamingTheCaKey()
    {
        var exception = Assert.Throws<CryptoInputException>(() => NodeTlsIssuer.Issue(
            authorities.Ca1.CertificatePem, authorities.Ca1.CertificatePem, [], "node-0", [], TestAuthorities.Clock));

        Assert.StartsWith("CA private key is not a private key", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Issue_GarbageTrustedCertificate_ThrowsNamingWhichOne()
    {
        var exception = Assert.Throws<CryptoInputException>(() => NodeTlsIssuer.Issue(
            authorities.Ca1.CertificatePem,
            authorities.Ca1.PrivateKeyPem,
            [authorities.Ca1.CertificatePem, "not a certificate"],
            "node-0",
            [],
            TestAuthorities.Clock));

        Assert.StartsWith("Trusted certificate #2 ", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Issue_Always_FreshUrlSafePasswordsForEachStore()
    {
        var node = authorities.Ca1Node;
        var again = NodeTlsIssuer.Issue(
            authorities.Ca1.CertificatePem, authorities.Ca1.PrivateKeyPem, [authorities.Ca1.CertificatePem], "node-0", [], TestAuthorities.Clock);

        string[] passwords = [node.KeystorePassword, node.TruststorePassword, again.KeystorePassword, again.TruststorePassword];
        Assert.All(passwords, password => Assert.Matches("^[A-Za-z0-9_-]{24}$", password));
        Assert.Equal(passwords.Length, passwords.Distinct().Count());
    }

    [Fact]
    public void Issue_TwoCalls_DifferentNodeKeys()
    {
        var again = NodeTlsIssuer.Issue(
            authorities.Ca1.CertificatePem, authorities.Ca1.PrivateKeyPem, [], TestAuthorities.NodeCommonName, [], TestAuthorities.Clock);

        Assert.False(PemCertificates.KeyMatchesCertificate(authorities.Ca1Node.CertificatePem, again.PrivateKeyPem));
    }

    [Fact]
    public void ToString_Material_ShowsNoKeysStoresOrPasswords()
    {
        var node = authorities.Ca1Node;

        var text = node.ToString();

        Assert.DoesNotContain(node.KeystorePassword, text, StringComparison.Ordinal);
        Assert.DoesNotContain(node.TruststorePassword, text, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", text, StringComparison.Ordinal);
        Assert.DoesNotContain("System.Byte[]", text, StringComparison.Ordinal);
        PemText.AssertNotQuoted(node.PrivateKeyPem, text);
        Assert.Contains("redacted", text, StringComparison.Ordinal);
    }

    private static string Fingerprint(string certificatePem) => PemCertificates.Describe(certificatePem).Sha256Fingerprint;
}
