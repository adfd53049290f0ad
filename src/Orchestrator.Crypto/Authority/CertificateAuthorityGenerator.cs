using Orchestrator.Crypto.Certificates;
using Orchestrator.Crypto.Keys;
using Orchestrator.Crypto.Pem;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.X509;
using Org.BouncyCastle.X509.Extension;

namespace Orchestrator.Crypto.Authority;

/// <summary>Makes a new CA keypair the way the operator's <c>utils/tls.sh create-ca-keypair</c> does.</summary>
public static class CertificateAuthorityGenerator
{
    /// <summary>
    /// RSA (e = 65537), SHA-256 with RSA, self-signed with subject and issuer <c>O=&lt;alias&gt;</c>, valid from now
    /// for <see cref="CertificateAuthorityOptions.ValidityDays"/>, with the extensions <c>openssl req -x509</c> adds
    /// (basicConstraints CA:TRUE and keyUsage keyCertSign|cRLSign, both critical; subject and authority key identifiers).
    /// The private key is PKCS#1 PEM, as <c>openssl genrsa</c> of OpenSSL 1.x writes it.
    /// </summary>
    public static PemKeyPair Generate(CertificateAuthorityOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();

        var keyPair = RsaKeyGenerator.Generate(options.KeySize);
        var name = SubjectNames.Single(X509Name.O, options.Alias);
        var (notBefore, notAfter) = CertificateParts.Validity(timeProvider, options.ValidityDays);

        var generator = new X509V3CertificateGenerator();
        generator.SetSerialNumber(CertificateParts.NewSerialNumber());
        generator.SetSubjectDN(name);
        generator.SetIssuerDN(name);
        generator.SetNotBefore(notBefore);
        generator.SetNotAfter(notAfter);
        generator.SetPublicKey(keyPair.Public);
        generator.AddExtension(X509Extensions.SubjectKeyIdentifier, false, X509ExtensionUtilities.CreateSubjectKeyIdentifier(keyPair.Public));
        generator.AddExtension(X509Extensions.AuthorityKeyIdentifier, false, X509ExtensionUtilities.CreateAuthorityKeyIdentifier(keyPair.Public));
        generator.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(cA: true));
        generator.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.KeyCertSign | KeyUsage.CrlSign));
        var certificate = generator.Generate(CertificateParts.SignatureFactory(keyPair.Private));

        return new PemKeyPair(
            PemEncoder.Certificate(certificate),
            PemEncoder.Pkcs1PrivateKey((RsaPrivateCrtKeyParameters)keyPair.Private));
    }
}
