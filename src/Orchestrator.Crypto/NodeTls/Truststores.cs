using Orchestrator.Crypto.Pem;

namespace Orchestrator.Crypto.NodeTls;

/// <summary>Reading truststores, and the alias rule that decides which CAs collide in one.</summary>
public static class Truststores
{
    /// <summary>The trusted-certificate entries of a PKCS#12 store, in store order; key entries are left out.</summary>
    /// <exception cref="CryptoInputException">The bytes are no PKCS#12 store, or the password is wrong.</exception>
    public static IReadOnlyList<TrustedCertificate> ReadTrustedCertificates(byte[] pkcs12, string password)
    {
        var store = Pkcs12Stores.Load(pkcs12, password, "Truststore");
        return store.Aliases
            .Where(store.IsCertificateEntry)
            .Select(alias => new TrustedCertificate(alias, PemEncoder.Certificate(store.GetCertificate(alias).Certificate)))
            .ToList();
    }

    /// <summary>
    /// The alias a CA certificate gets in a node truststore: its subject's O value lowercased, else its whole
    /// subject lowercased. A new CA must not share it with any CA already trusted.
    /// </summary>
    /// <exception cref="CryptoInputException">The text holds no readable certificate.</exception>
    public static string AliasFor(string certificatePem)
    {
        ArgumentNullException.ThrowIfNull(certificatePem);
        return TruststoreAlias.Of(PemDecoder.ReadCertificate(certificatePem, "Certificate"));
    }
}
