using Orchestrator.Crypto.Authority;
using Orchestrator.Crypto.NodeTls;
using Orchestrator.Crypto.Tests.Support;

namespace Orchestrator.Crypto.Tests.NodeTls;

public sealed class TruststoresTests(TestAuthorities authorities)
{
    [Fact]
    public void ReadTrustedCertificates_WrongPassword_ThrowsSayingSo()
    {
        var node = authorities.Ca1Node;

        var exception = Assert.Throws<CryptoInputException>(
            () => Truststores.ReadTrustedCertificates(node.Truststore, node.KeystorePassword));

        Assert.Equal("Truststore password is wrong, or the store is corrupted.", exception.Message);
        Assert.DoesNotContain(node.KeystorePassword, exception.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ReadTrustedCertificates_Garbage_ThrowsCryptoInputException()
    {
        var exception = Assert.Throws<CryptoInputException>(
            () => Truststores.ReadTrustedCertificates("not a store"u8.ToArray(), "password"));

        Assert.Equal("Truststore is not a readable PKCS#12 store.", exception.Message);
    }

    [Fact]
    public void ReadTrustedCertificates_Empty_ThrowsCryptoInputException()
    {
        var exception = Assert.Throws<CryptoInputException>(() => Truststores.ReadTrustedCertificates([], "password"));

        Assert.Equal("Truststore is empty.", exception.Message);
    }

    [Fact]
    public void ReadTrustedCertificates_Keystore_LeavesTheKeyEntryOut()
    {
        var node = authorities.Ca1Node;

        Assert.Empty(Truststores.ReadTrustedCertificates(node.Keystore, node.KeystorePassword));
    }

    [Fact]
    public void AliasFor_Organization_IsItsValueLowercased()
    {
        var upper = CertificateAuthorityGenerator.Generate(
            new CertificateAuthorityOptions("CA-Two", KeySize: 2048), TestAuthorities.Clock);

        Assert.Equal("ca1", Truststores.AliasFor(authorities.Ca1.CertificatePem));
        Assert.Equal("ca-two", Truststores.AliasFor(upper.CertificatePem));
    }

    [Fact]
    public void AliasFor_NoOrganization_IsTheWholeSubjectLowercased()
    {
        Assert.Equal("cn=" + TestAuthorities.NodeCommonName, Truststores.AliasFor(authorities.Ca1Node.CertificatePem));
    }
}
