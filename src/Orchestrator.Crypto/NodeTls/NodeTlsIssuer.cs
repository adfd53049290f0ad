using Orchestrator.Crypto.Certificates;
using Orchestrator.Crypto.Keys;
using Orchestrator.Crypto.Pem;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.X509;

namespace Orchestrator.Crypto.NodeTls;

/// <summary>What the cassandra-operator does when the CA Secret changes: issue the node TLS material.</summary>
public static class NodeTlsIssuer
{
    /// <summary>Alias of the node's key entry in the keystore.</summary>
    public const string KeystoreAlias = "node";

    /// <summary>
    /// One RSA node keypair signed by the CA (SHA-256, CN=<paramref name="commonName"/>, SAN <paramref name="dnsNames"/>,
    /// serverAuth and clientAuth, CA:FALSE, valid from now for <paramref name="validityDays"/>); a keystore with the node
    /// key, certificate and CA chain; a truststore with every certificate of <paramref name="trustedCertificatePems"/>
    /// (the CA Secret's <c>*.crt</c> entries), under the alias <see cref="Truststores.AliasFor"/> gives it.
    /// Certificates sharing an alias collide and the later one replaces the earlier, as in a Java keystore: this models
    /// the real failure when two CAs in the Secret share a subject. Both stores get fresh random passwords.
    /// </summary>
    /// <param name="nodePrivateKeyPem">
    /// The node key of an earlier issue, kept rather than replaced, as certificate tooling does by default
    /// (cert-manager's <c>rotationPolicy: Never</c>); a new key of <paramref name="keySize"/> bits when null.
    /// </param>
    /// <exception cref="CryptoInputException">
    /// The CA certificate or key is unreadable, the key does not belong to the certificate, a trusted certificate is
    /// unreadable, or the kept node key is not an RSA private key.
    /// </exception>
    public static NodeTlsMaterial Issue(
        string caCertificatePem,
        string caPrivateKeyPem,
        IReadOnlyList<string> trustedCertificatePems,
        string commonName,
        IReadOnlyList<string> dnsNames,
        TimeProvider timeProvider,
        int keySize = 2048,
        int validityDays = 365,
        string? nodePrivateKeyPem = null)
    {
        ArgumentNullException.ThrowIfNull(caCertificatePem);
        ArgumentNullException.ThrowIfNull(caPrivateKeyPem);
        ArgumentNullException.ThrowIfNull(trustedCertificatePems);
        ArgumentException.ThrowIfNullOrWhiteSpace(commonName);
        ArgumentNullException.ThrowIfNull(dnsNames);
        if (dnsNames.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("DNS names must not be empty.", nameof(dnsNames));
        }

        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThan(keySize, RsaKeyGenerator.MinimumKeySize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(validityDays);

        var caCertificate = PemDecoder.ReadCertificate(caCertificatePem, "CA certificate");
        var caPrivateKey = PemDecoder.ReadPrivateKey(caPrivateKeyPem, "CA private key");
        if (!KeyPairMatch.Matches(caCertificate.GetPublicKey(), caPrivateKey))
        {
            throw new CryptoInputException(
                $"CA private key does not belong to the CA certificate ({SubjectNames.Format(caCertificate.SubjectDN)}).");
        }

        var trusted = TrustedByAlias(trustedCertificatePems);

        var nodeKey = nodePrivateKeyPem is null ? RsaKeyGenerator.Generate(keySize) : KeyPairOf(nodePrivateKeyPem);
        var nodeCertificate = NodeCertificateBuilder.Build(
            nodeKey.Public, caCertificate, caPrivateKey, commonName, dnsNames, timeProvider, validityDays);

        var keystore = Pkcs12Stores.NewStore();
        keystore.SetKeyEntry(
            KeystoreAlias,
            new AsymmetricKeyEntry(nodeKey.Private),
            [new X509CertificateEntry(nodeCertificate), new X509CertificateEntry(caCertificate)]);

        var truststore = Pkcs12Stores.NewStore();
        foreach (var (alias, certificate) in trusted)
        {
            truststore.SetCertificateEntry(alias, new X509CertificateEntry(certificate));
        }

        var keystorePassword = StorePasswords.New();
        var truststorePassword = StorePasswords.New();
        return new NodeTlsMaterial(
            PemEncoder.Certificate(nodeCertificate),
            PemEncoder.Pkcs8PrivateKey(nodeKey.Private),
            Pkcs12Stores.Save(keystore, keystorePassword),
            keystorePassword,
            Pkcs12Stores.Save(truststore, truststorePassword),
            truststorePassword);
    }

    /// <summary>The key pair of an RSA private key kept from an earlier issue.</summary>
    private static AsymmetricCipherKeyPair KeyPairOf(string privateKeyPem) =>
        PemDecoder.ReadPrivateKey(privateKeyPem, "node private key") is RsaPrivateCrtKeyParameters key
            ? new AsymmetricCipherKeyPair(new RsaKeyParameters(false, key.Modulus, key.PublicExponent), key)
            : throw new CryptoInputException("node private key: not an RSA private key with its CRT parameters");

    // Later certificates replace earlier ones under the same alias but keep its place, as a Java keystore does.
    private static List<(string Alias, X509Certificate Certificate)> TrustedByAlias(IReadOnlyList<string> trustedCertificatePems)
    {
        var entries = new List<(string Alias, X509Certificate Certificate)>();
        var indexByAlias = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < trustedCertificatePems.Count; i++)
        {
            foreach (var certificate in PemDecoder.ReadCertificates(trustedCertificatePems[i], $"Trusted certificate #{i + 1}"))
            {
                var alias = TruststoreAlias.Of(certificate);
                if (indexByAlias.TryGetValue(alias, out var index))
                {
                    entries[index] = (alias, certificate);
                }
                else
                {
                    indexByAlias[alias] = entries.Count;
                    entries.Add((alias, certificate));
                }
            }
        }

        return entries;
    }
}
