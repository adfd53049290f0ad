using System.Security.Cryptography.X509Certificates;
using Orchestrator.Crypto.Authority;
using Orchestrator.Crypto.Certificates;
using Orchestrator.Crypto.Tests.Support;

namespace Orchestrator.Crypto.Tests.Authority;

public sealed class CertificateAuthorityGeneratorTests(TestAuthorities authorities)
{
    [Fact]
    public void Generate_Alias_SubjectAndIssuerAreOnlyTheOrganization()
    {
        var details = PemCertificates.Describe(authorities.Ca2.CertificatePem);

        Assert.Equal("O=ca2", details.Subject);
        Assert.Equal("O=ca2", details.Issuer);
        Assert.Equal("ca2", details.Alias);
    }

    [Fact]
    public void Generate_AliasWithNameSyntax_KeptAsOneValue()
    {
        var pair = CertificateAuthorityGenerator.Generate(new CertificateAuthorityOptions("ca,CN=x+2", KeySize: 2048), TestAuthorities.Clock);

        var details = PemCertificates.Describe(pair.CertificatePem);
        Assert.Equal("ca,CN=x+2", details.Alias);
        Assert.Equal(@"O=ca\,CN\=x\+2", details.Subject);
    }

    [Fact]
    public void Generate_FixedClock_ValidFromNowForValidityDays()
    {
        var details = PemCertificates.Describe(authorities.Ca1.CertificatePem);

        Assert.Equal(TestAuthorities.IssuedAt, details.NotBefore);
        Assert.Equal(TestAuthorities.IssuedAt.AddDays(3650), details.NotAfter);
    }

    [Fact]
    public void Generate_ClockWithFractionalSeconds_StartsAtTheWholeSecond()
    {
        var clock = new FixedTimeProvider(TestAuthorities.IssuedAt.AddMilliseconds(750));

        var pair = CertificateAuthorityGenerator.Generate(new CertificateAuthorityOptions("ca3", KeySize: 2048, ValidityDays: 30), clock);

        var details = PemCertificates.Describe(pair.CertificatePem);
        Assert.Equal(TestAuthorities.IssuedAt, details.NotBefore);
        Assert.Equal(TestAuthorities.IssuedAt.AddDays(30), details.NotAfter);
    }

    [Fact]
    public void Generate_Always_IsSelfSignedCertificateAuthority()
    {
        var details = PemCertificates.Describe(authorities.Ca1.CertificatePem);

        Assert.True(details.IsCertificateAuthority);
        Assert.Equal(2048, details.KeySizeBits);
        Assert.True(PemCertificates.IsSignedBy(authorities.Ca1.CertificatePem, authorities.Ca1.CertificatePem));
    }

    [Fact]
    public void Generate_Always_PrivateKeyIsPkcs1AndMatchesCertificate()
    {
        Assert.StartsWith("-----BEGIN RSA PRIVATE KEY-----\n", authorities.Ca1.PrivateKeyPem, StringComparison.Ordinal);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----\n", authorities.Ca1.CertificatePem, StringComparison.Ordinal);
        Assert.True(PemCertificates.KeyMatchesCertificate(authorities.Ca1.CertificatePem, authorities.Ca1.PrivateKeyPem));
    }

    [Fact]
    public void Generate_Always_HasTheExtensionsOfOpenSslReqX509()
    {
        // Read back with the platform's X.509 stack, independent of the library that wrote it.
        using var certificate = X509Certificate2.CreateFromPem(authorities.Ca1.CertificatePem);

        var basicConstraints = Assert.Single(certificate.Extensions.OfType<X509BasicConstraintsExtension>());
        Assert.True(basicConstraints.Critical);
        Assert.True(basicConstraints.CertificateAuthority);
        Assert.False(basicConstraints.HasPathLengthConstraint);

        var keyUsage = Assert.Single(certificate.Extensions.OfType<X509KeyUsageExtension>());
        Assert.True(keyUsage.Critical);
        Assert.Equal(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, keyUsage.KeyUsages);

        var subjectKeyId = Assert.Single(certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>());
        var authorityKeyId = Assert.Single(certificate.Extensions.OfType<X509AuthorityKeyIdentifierExtension>());
        Assert.Equal(subjectKeyId.SubjectKeyIdentifierBytes.ToArray(), authorityKeyId.KeyIdentifier?.ToArray());
    }

    [Fact]
    public void Generate_Always_IsSha256WithRsaAndExponent65537()
    {
        using var certificate = X509Certificate2.CreateFromPem(authorities.Ca1.CertificatePem);
        using var publicKey = certificate.GetRSAPublicKey();

        Assert.Equal("1.2.840.113549.1.1.11", certificate.SignatureAlgorithm.Value);
        Assert.NotNull(publicKey);
        Assert.Equal([0x01, 0x00, 0x01], publicKey.ExportParameters(includePrivateParameters: false).Exponent);
    }

    [Fact]
    public void Generate_TwoCalls_DifferInKeyAndSerial()
    {
        var first = PemCertificates.Describe(authorities.Ca1.CertificatePem);
        var second = PemCertificates.Describe(authorities.Ca1Twin.CertificatePem);

        Assert.Equal(first.Subject, second.Subject);
        Assert.NotEqual(first.SerialNumberHex, second.SerialNumberHex);
        Assert.NotEqual(first.Sha256Fingerprint, second.Sha256Fingerprint);
        Assert.False(PemCertificates.KeyMatchesCertificate(authorities.Ca1.CertificatePem, authorities.Ca1Twin.PrivateKeyPem));
    }

    [Fact]
    public void Generate_DefaultOptions_MatchesTheScript4096BitsTenYears()
    {
        var options = new CertificateAuthorityOptions("ca9");

        var pair = CertificateAuthorityGenerator.Generate(options, TestAuthorities.Clock);

        var details = PemCertificates.Describe(pair.CertificatePem);
        Assert.Equal(4096, options.KeySize);
        Assert.Equal(4096, details.KeySizeBits);
        Assert.Equal(TestAuthorities.IssuedAt.AddDays(3650), details.NotAfter);
        Assert.True(PemCertificates.KeyMatchesCertificate(pair.CertificatePem, pair.PrivateKeyPem));
    }

    [Theory]
    [InlineData("", 2048, 10)]
    [InlineData("   ", 2048, 10)]
    [InlineData(" ca2", 2048, 10)]
    [InlineData("ca\n2", 2048, 10)]
    [InlineData("ca2", 1024, 10)]
    [InlineData("ca2", 2048, 0)]
    public void Generate_InvalidOptions_ThrowsArgumentException(string alias, int keySize, int validityDays)
    {
        var options = new CertificateAuthorityOptions(alias, keySize, validityDays);

        Assert.ThrowsAny<ArgumentException>(() => CertificateAuthorityGenerator.Generate(options, TestAuthorities.Clock));
    }

    [Fact]
    public void ToString_KeyPair_ShowsNoPrivateKey()
    {
        var text = authorities.Ca1.ToString();

        Assert.DoesNotContain("PRIVATE KEY", text, StringComparison.Ordinal);
        PemText.AssertNotQuoted(authorities.Ca1.PrivateKeyPem, text);
        Assert.Contains("redacted", text, StringComparison.Ordinal);
    }
}
