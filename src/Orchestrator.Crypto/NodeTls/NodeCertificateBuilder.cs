using Orchestrator.Crypto.Certificates;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.X509;
using Org.BouncyCastle.X509.Extension;

namespace Orchestrator.Crypto.NodeTls;

/// <summary>A node's certificate: used both to serve and to connect, since inter-node TLS is mutual.</summary>
internal static class NodeCertificateBuilder
{
    public static X509Certificate Build(
        AsymmetricKeyParameter nodePublicKey,
        X509Certificate caCertificate,
        AsymmetricKeyParameter caPrivateKey,
        string commonName,
        IReadOnlyList<string> dnsNames,
        TimeProvider timeProvider,
        int validityDays)
    {
        var (notBefore, notAfter) = CertificateParts.Validity(timeProvider, validityDays);

        var generator = new X509V3CertificateGenerator();
        generator.SetSerialNumber(CertificateParts.NewSerialNumber());
        generator.SetSubjectDN(SubjectNames.Single(X509Name.CN, commonName));
        generator.SetIssuerDN(caCertificate.SubjectDN);
        generator.SetNotBefore(notBefore);
        generator.SetNotAfter(notAfter);
        generator.SetPublicKey(nodePublicKey);
        generator.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(cA: false));
        generator.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.DigitalSignature | KeyUsage.KeyEncipherment));
        generator.AddExtension(
            X509Extensions.ExtendedKeyUsage,
            false,
            new ExtendedKeyUsage(KeyPurposeID.id_kp_serverAuth, KeyPurposeID.id_kp_clientAuth));
        if (dnsNames.Count > 0)
        {
            var names = dnsNames.Select(dnsName => new GeneralName(GeneralName.DnsName, dnsName)).ToArray();
            generator.AddExtension(X509Extensions.SubjectAlternativeName, false, new GeneralNames(names));
        }

        generator.AddExtension(X509Extensions.SubjectKeyIdentifier, false, X509ExtensionUtilities.CreateSubjectKeyIdentifier(nodePublicKey));

        // Points at the CA's key identifier so chain builders (keystores, TLS stacks) find the CA by key, not by name.
        generator.AddExtension(X509Extensions.AuthorityKeyIdentifier, false, X509ExtensionUtilities.CreateAuthorityKeyIdentifier(caCertificate));

        return generator.Generate(CertificateParts.SignatureFactory(caPrivateKey));
    }
}
