using System.Security.Cryptography;
using Orchestrator.Crypto.Pem;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace Orchestrator.Crypto.Certificates;

/// <summary>Questions about certificates and keys given as PEM text.</summary>
public static class PemCertificates
{
    /// <exception cref="CryptoInputException">The text holds no readable certificate.</exception>
    public static CertificateDetails Describe(string certificatePem)
    {
        ArgumentNullException.ThrowIfNull(certificatePem);
        return Details(PemDecoder.ReadCertificate(certificatePem, "Certificate"));
    }

    /// <summary>
    /// Every certificate in the text, in order: a CA Secret's <c>*.crt</c> entry may hold a bundle, and the operator
    /// trusts each certificate of it.
    /// </summary>
    /// <exception cref="CryptoInputException">The text holds no readable certificate.</exception>
    public static IReadOnlyList<CertificateDetails> DescribeAll(string certificatesPem)
    {
        ArgumentNullException.ThrowIfNull(certificatesPem);
        return PemDecoder.ReadCertificates(certificatesPem, "Certificate").Select(Details).ToList();
    }

    /// <summary>Whether the private key (PKCS#1, PKCS#8 or SEC1, unencrypted) belongs to the certificate.</summary>
    /// <exception cref="CryptoInputException">Either text is unreadable, or the key type is unsupported.</exception>
    public static bool KeyMatchesCertificate(string certificatePem, string privateKeyPem)
    {
        ArgumentNullException.ThrowIfNull(certificatePem);
        ArgumentNullException.ThrowIfNull(privateKeyPem);
        var certificate = PemDecoder.ReadCertificate(certificatePem, "Certificate");
        if (RsaKeyNumbers.PublicKeyOf(certificate) is { } rsaPublic && RsaKeyNumbers.PrivateKeyOf(privateKeyPem) is { } rsaPrivate)
        {
            PemDecoder.EnsureConsistent(rsaPrivate.Prime1, rsaPrivate.Prime2, rsaPrivate.Modulus, "Private key");
            return rsaPublic.Modulus.Equals(rsaPrivate.Modulus) && rsaPublic.PublicExponent.Equals(rsaPrivate.PublicExponent);
        }

        var privateKey = PemDecoder.ReadPrivateKey(privateKeyPem, "Private key");
        return KeyPairMatch.Matches(certificate.GetPublicKey(), privateKey);
    }

    /// <summary>Whether the certificate names the issuer as its issuer and carries a signature the issuer's key verifies.</summary>
    /// <exception cref="CryptoInputException">Either text holds no readable certificate.</exception>
    public static bool IsSignedBy(string certificatePem, string issuerCertificatePem)
    {
        ArgumentNullException.ThrowIfNull(certificatePem);
        ArgumentNullException.ThrowIfNull(issuerCertificatePem);
        var certificate = PemDecoder.ReadCertificate(certificatePem, "Certificate");
        var issuer = PemDecoder.ReadCertificate(issuerCertificatePem, "Issuer certificate");
        return IsSignedBy(certificate, issuer);
    }

    /// <summary>Whether <paramref name="time"/> lies within the certificate's validity, both ends included.</summary>
    /// <exception cref="CryptoInputException">The text holds no readable certificate.</exception>
    public static bool IsValidAt(string certificatePem, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(certificatePem);
        var certificate = PemDecoder.ReadCertificate(certificatePem, "Certificate");
        return Utc(certificate.NotBefore) <= time && time <= Utc(certificate.NotAfter);
    }

    internal static bool IsSignedBy(X509Certificate certificate, X509Certificate issuer)
    {
        if (!certificate.IssuerDN.Equivalent(issuer.SubjectDN))
        {
            return false;
        }

        try
        {
            return certificate.IsSignatureValid(issuer.GetPublicKey());
        }
        catch (Exception exception) when (exception is InvalidKeyException or SignatureException or ArgumentException or InvalidCastException)
        {
            // A key of another type (EC issuer, RSA signature) cannot have made the signature.
            return false;
        }
    }

    private static CertificateDetails Details(X509Certificate certificate) =>
        new(
            Subject: SubjectNames.Format(certificate.SubjectDN),
            Alias: SubjectNames.Organization(certificate.SubjectDN),
            Issuer: SubjectNames.Format(certificate.IssuerDN),
            Sha256Fingerprint: BitConverter.ToString(SHA256.HashData(certificate.GetEncoded())).Replace('-', ':'),
            NotBefore: Utc(certificate.NotBefore),
            NotAfter: Utc(certificate.NotAfter),
            IsCertificateAuthority: certificate.GetBasicConstraints() >= 0,
            KeySizeBits: KeySizeBits(certificate),
            SerialNumberHex: Convert.ToHexString(certificate.SerialNumber.ToByteArrayUnsigned()) is { Length: > 0 } hex ? hex : "00");

    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));

    private static int KeySizeBits(X509Certificate certificate) => RsaKeyNumbers.PublicKeyOf(certificate) is { } rsa
        ? rsa.Modulus.BitLength
        : certificate.GetPublicKey() switch
        {
            RsaKeyParameters other => other.Modulus.BitLength,
            ECPublicKeyParameters ec => ec.Parameters.Curve.FieldSize,
            _ => certificate.CertificateStructure.SubjectPublicKeyInfo.PublicKey.GetBytes().Length * 8,
        };
}
