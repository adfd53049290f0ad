using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Orchestrator.Crypto.Certificates;
using Orchestrator.Crypto.Tests.Support;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Security;

namespace Orchestrator.Crypto.Tests.Certificates;

public sealed class PemCertificatesTests(TestAuthorities authorities)
{
    [Fact]
    public void Describe_Certificate_FingerprintIsUppercaseColonHexOfDerSha256()
    {
        using var certificate = X509Certificate2.CreateFromPem(authorities.Ca1.CertificatePem);
        var expected = string.Join(':', SHA256.HashData(certificate.RawData).Select(b => b.ToString("X2", null)));

        var details = PemCertificates.Describe(authorities.Ca1.CertificatePem);

        Assert.Equal(expected, details.Sha256Fingerprint);
        Assert.Matches("^([0-9A-F]{2}:){31}[0-9A-F]{2}$", details.Sha256Fingerprint);
    }

    [Fact]
    public void Describe_Certificate_SerialIsUppercaseHexOfTheSerialNumber()
    {
        using var certificate = X509Certificate2.CreateFromPem(authorities.Ca1.CertificatePem);

        var details = PemCertificates.Describe(authorities.Ca1.CertificatePem);

        Assert.Equal(certificate.SerialNumber, details.SerialNumberHex);
        Assert.Equal(40, details.SerialNumberHex.Length);
    }

    [Fact]
    public void Describe_NodeCertificate_SubjectWithoutOrganizationHasNoAlias()
    {
        var details = PemCertificates.Describe(authorities.Ca1Node.CertificatePem);

        Assert.Equal("CN=" + TestAuthorities.NodeCommonName, details.Subject);
        Assert.Null(details.Alias);
        Assert.Equal("O=ca1", details.Issuer);
        Assert.False(details.IsCertificateAuthority);
    }

    [Fact]
    public void DescribeAll_Bundle_DescribesEveryCertificateInOrder()
    {
        var bundle = authorities.Ca2.CertificatePem + authorities.Ca1.CertificatePem;

        var all = PemCertificates.DescribeAll(bundle);

        Assert.Equal(["O=ca2", "O=ca1"], all.Select(details => details.Subject));
        Assert.Equal(PemCertificates.Describe(authorities.Ca1.CertificatePem), all[1]);
    }

    [Fact]
    public void Describe_SeveralAttributes_SubjectInRfc2253Order()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=node-0, O=Example, C=US", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(TestAuthorities.IssuedAt, TestAuthorities.IssuedAt.AddDays(1));

        var details = PemCertificates.Describe(certificate.ExportCertificatePem());

        Assert.Equal("CN=node-0,O=Example,C=US", details.Subject);
        Assert.Equal("Example", details.Alias);
    }

    [Theory]
    [InlineData("empty")]
    [InlineData("not PEM")]
    [InlineData("base64 without markers")]
    [InlineData("truncated")]
    [InlineData("corrupted DER")]
    [InlineData("invalid base64")]
    [InlineData("unknown block type")]
    public void Describe_Garbage_ThrowsCryptoInputExceptionWithoutQuotingIt(string kind)
    {
        var pem = authorities.Ca1.CertificatePem;
        var body = PemText.Body(pem);
        var lines = pem.Split('\n');
        var garbage = kind switch
        {
            "empty" => string.Empty,
            "not PEM" => "this is not a certificate",
            "base64 without markers" => body,
            "truncated" => string.Join('\n', lines.Take(lines.Length / 2)) + "\n-----END CERTIFICATE-----\n",
            "corrupted DER" => pem.Replace(body[..8], "AAAAAAAA", StringComparison.Ordinal),
            "invalid base64" => pem.Replace(body.Substring(40, 4), "!!!!", StringComparison.Ordinal),
            _ => "-----BEGIN SOMETHING-----\n" + body + "\n-----END SOMETHING-----\n",
        };

        var exception = Assert.Throws<CryptoInputException>(() => PemCertificates.Describe(garbage));

        Assert.StartsWith("Certificate ", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', exception.Message);
        PemText.AssertNotQuoted(pem, exception.ToString());
    }

    [Fact]
    public void Describe_PrivateKeyInsteadOfCertificate_NamesWhatWasFoundButNotTheKey()
    {
        var exception = Assert.Throws<CryptoInputException>(() => PemCertificates.Describe(authorities.Ca1.PrivateKeyPem));

        Assert.Contains("not a certificate", exception.Message, StringComparison.Ordinal);
        Assert.Contains("private key", exception.Message, StringComparison.Ordinal);
        PemText.AssertNotQuoted(authorities.Ca1.PrivateKeyPem, exception.ToString());
    }

    [Fact]
    public void KeyMatchesCertificate_OwnPkcs1Key_True()
    {
        Assert.True(PemCertificates.KeyMatchesCertificate(authorities.Ca2.CertificatePem, authorities.Ca2.PrivateKeyPem));
    }

    [Fact]
    public void KeyMatchesCertificate_OwnPkcs8Key_True()
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(authorities.Ca2.PrivateKeyPem);

        Assert.True(PemCertificates.KeyMatchesCertificate(authorities.Ca2.CertificatePem, rsa.ExportPkcs8PrivateKeyPem()));
    }

    [Fact]
    public void KeyMatchesCertificate_KeyInABundleOfBlocks_SameAnswersAsTheKeyAlone()
    {
        // A text of several blocks is read whole by the general reader; one key alone is read from its numbers.
        var bundle = authorities.Ca2.CertificatePem + authorities.Ca2.PrivateKeyPem;

        Assert.True(PemCertificates.KeyMatchesCertificate(authorities.Ca2.CertificatePem, bundle));
        Assert.False(PemCertificates.KeyMatchesCertificate(authorities.Ca1.CertificatePem, bundle));
        Assert.False(PemCertificates.KeyMatchesCertificate(authorities.Ca1.CertificatePem, authorities.Ca2.PrivateKeyPem));
    }

    [Fact]
    public void KeyMatchesCertificate_KeyOfAnotherCaWithTheSameSubject_False()
    {
        Assert.False(PemCertificates.KeyMatchesCertificate(authorities.Ca1.CertificatePem, authorities.Ca1Twin.PrivateKeyPem));
    }

    [Fact]
    public void KeyMatchesCertificate_EcKeys_TrueForOwnKeyFalseOtherwise()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var otherEc = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("O=ec", ec, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(TestAuthorities.IssuedAt, TestAuthorities.IssuedAt.AddDays(1));
        var certificatePem = certificate.ExportCertificatePem();

        Assert.True(PemCertificates.KeyMatchesCertificate(certificatePem, ec.ExportPkcs8PrivateKeyPem()));
        Assert.True(PemCertificates.KeyMatchesCertificate(certificatePem, ec.ExportECPrivateKeyPem()));
        Assert.False(PemCertificates.KeyMatchesCertificate(certificatePem, otherEc.ExportPkcs8PrivateKeyPem()));
        Assert.False(PemCertificates.KeyMatchesCertificate(certificatePem, authorities.Ca1.PrivateKeyPem));
        Assert.False(PemCertificates.KeyMatchesCertificate(authorities.Ca1.CertificatePem, ec.ExportPkcs8PrivateKeyPem()));
    }

    [Fact]
    public void KeyMatchesCertificate_CertificateInsteadOfKey_ThrowsNamingWhatWasFound()
    {
        var exception = Assert.Throws<CryptoInputException>(
            () => PemCertificates.KeyMatchesCertificate(authorities.Ca1.CertificatePem, authorities.Ca1.CertificatePem));

        Assert.Contains("not a private key", exception.Message, StringComparison.Ordinal);
        Assert.Contains("certificate", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KeyMatchesCertificate_MalformedKey_ThrowsWithoutQuotingIt()
    {
        var pem = authorities.Ca1.PrivateKeyPem;
        var body = PemText.Body(pem);
        var malformed = pem.Replace(body[..8], "AAAAAAAA", StringComparison.Ordinal);

        var exception = Assert.Throws<CryptoInputException>(
            () => PemCertificates.KeyMatchesCertificate(authorities.Ca1.CertificatePem, malformed));

        Assert.StartsWith("Private key is not readable PEM", exception.Message, StringComparison.Ordinal);
        PemText.AssertNotQuoted(pem, exception.ToString());
    }

    [Fact]
    public void KeyMatchesCertificate_InconsistentKey_ThrowsSayingItIsCorrupted()
    {
        // Well-formed, but the modulus is ca1's and the factors are ca2's: a damaged key that still parses.
        var ca1 = ReadRsaKey(authorities.Ca1.PrivateKeyPem);
        var ca2 = ReadRsaKey(authorities.Ca2.PrivateKeyPem);
        var mixed = new RsaPrivateCrtKeyParameters(
            ca1.Modulus, ca2.PublicExponent, ca2.Exponent, ca2.P, ca2.Q, ca2.DP, ca2.DQ, ca2.QInv);
        using var writer = new StringWriter();
        new PemWriter(writer).WriteObject(mixed);

        var exception = Assert.Throws<CryptoInputException>(
            () => PemCertificates.KeyMatchesCertificate(authorities.Ca1.CertificatePem, writer.ToString()));

        Assert.Contains("corrupted", exception.Message, StringComparison.Ordinal);
        PemText.AssertNotQuoted(writer.ToString(), exception.ToString());
    }

    [Fact]
    public void KeyMatchesCertificate_PassphraseProtectedPkcs8Key_ThrowsSayingItIsEncrypted()
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(authorities.Ca1.PrivateKeyPem);
        var encrypted = rsa.ExportEncryptedPkcs8PrivateKeyPem(
            "passphrase", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000));

        var exception = Assert.Throws<CryptoInputException>(
            () => PemCertificates.KeyMatchesCertificate(authorities.Ca1.CertificatePem, encrypted));

        Assert.Contains("encrypted", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KeyMatchesCertificate_PassphraseProtectedPkcs1Key_ThrowsSayingItIsEncrypted()
    {
        // The OpenSSL 1.x form: "Proc-Type: 4,ENCRYPTED" headers inside an RSA PRIVATE KEY block.
        using var reader = new StringReader(authorities.Ca1.PrivateKeyPem);
        var key = new PemReader(reader).ReadObject();
        using var writer = new StringWriter();
        new PemWriter(writer).WriteObject(
            key, "AES-128-CBC", "passphrase".ToCharArray(), new SecureRandom());
        Assert.Contains("Proc-Type: 4,ENCRYPTED", writer.ToString(), StringComparison.Ordinal);

        var exception = Assert.Throws<CryptoInputException>(
            () => PemCertificates.KeyMatchesCertificate(authorities.Ca1.CertificatePem, writer.ToString()));

        Assert.Contains("encrypted", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IsSignedBy_NodeCertificateAndItsCa_True()
    {
        Assert.True(PemCertificates.IsSignedBy(authorities.Ca1Node.CertificatePem, authorities.Ca1.CertificatePem));
    }

    [Fact]
    public void IsSignedBy_AnotherCaWithTheSameSubject_False()
    {
        // The name matches, the signature does not: exactly why two CAs called O=ca1 break handshakes.
        Assert.False(PemCertificates.IsSignedBy(authorities.Ca1Node.CertificatePem, authorities.Ca1Twin.CertificatePem));
    }

    [Fact]
    public void IsSignedBy_CaWithAnotherSubject_False()
    {
        Assert.False(PemCertificates.IsSignedBy(authorities.Ca1Node.CertificatePem, authorities.Ca2.CertificatePem));
        Assert.False(PemCertificates.IsSignedBy(authorities.Ca1.CertificatePem, authorities.Ca2.CertificatePem));
    }

    [Fact]
    public void IsSignedBy_IssuerWithAnotherKeyType_False()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("O=ca1", ec, HashAlgorithmName.SHA256);
        using var ecCa = request.CreateSelfSigned(TestAuthorities.IssuedAt, TestAuthorities.IssuedAt.AddDays(1));

        Assert.False(PemCertificates.IsSignedBy(authorities.Ca1Node.CertificatePem, ecCa.ExportCertificatePem()));
    }

    [Fact]
    public void IsSignedBy_GarbageIssuer_ThrowsCryptoInputException()
    {
        var exception = Assert.Throws<CryptoInputException>(
            () => PemCertificates.IsSignedBy(authorities.Ca1Node.CertificatePem, "garbage"));

        Assert.Contains("Issuer certificate", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IsValidAt_AroundTheValidityPeriod_TrueOnlyInside()
    {
        var pem = authorities.Ca1.CertificatePem;
        var notAfter = TestAuthorities.IssuedAt.AddDays(3650);

        Assert.False(PemCertificates.IsValidAt(pem, TestAuthorities.IssuedAt.AddSeconds(-1)));
        Assert.True(PemCertificates.IsValidAt(pem, TestAuthorities.IssuedAt));
        Assert.True(PemCertificates.IsValidAt(pem, TestAuthorities.IssuedAt.AddDays(100)));
        Assert.True(PemCertificates.IsValidAt(pem, notAfter));
        Assert.False(PemCertificates.IsValidAt(pem, notAfter.AddSeconds(1)));
    }

    [Fact]
    public void IsValidAt_TimeInAnotherOffset_ComparesTheInstant()
    {
        var justBefore = TestAuthorities.IssuedAt.AddSeconds(-1).ToOffset(TimeSpan.FromHours(2));

        Assert.False(PemCertificates.IsValidAt(authorities.Ca1.CertificatePem, justBefore));
        Assert.True(PemCertificates.IsValidAt(authorities.Ca1.CertificatePem, TestAuthorities.IssuedAt.ToOffset(TimeSpan.FromHours(-5))));
    }

    private static RsaPrivateCrtKeyParameters ReadRsaKey(string pem)
    {
        using var reader = new StringReader(pem);
        var pair = (AsymmetricCipherKeyPair)new PemReader(reader).ReadObject();
        return (RsaPrivateCrtKeyParameters)pair.Private;
    }
}
