using Orchestrator.Core.Security;
using Orchestrator.Crypto;
using Orchestrator.Crypto.Certificates;

namespace Orchestrator.Core.Rotations;

/// <summary>A CA as the rotation keeps it: the certificate, its private key (never shown), and what identifies it.</summary>
public sealed record CaMaterial(string CertificatePem, SensitiveText PrivateKey, string Subject, string Sha256Fingerprint, DateTimeOffset NotAfter)
{
    /// <summary>The CA of a PEM pair; <see cref="CryptoInputException"/> when the certificate cannot be read.</summary>
    public static CaMaterial From(PemKeyPair pair)
    {
        ArgumentNullException.ThrowIfNull(pair);
        return From(pair, PemCertificates.Describe(pair.CertificatePem));
    }

    /// <summary>The CA of a PEM pair whose certificate has been read already.</summary>
    public static CaMaterial From(PemKeyPair pair, CertificateDetails details)
    {
        ArgumentNullException.ThrowIfNull(pair);
        ArgumentNullException.ThrowIfNull(details);
        return new CaMaterial(pair.CertificatePem, new SensitiveText(pair.PrivateKeyPem), details.Subject, details.Sha256Fingerprint, details.NotAfter);
    }

    /// <summary>How messages name this CA: subject, fingerprint and expiry.</summary>
    public string Describe() => $"{Subject}, SHA-256 {Sha256Fingerprint}, valid until {NotAfter:yyyy-MM-dd}";
}
