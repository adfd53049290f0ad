using Orchestrator.Core.Rotations;
using Orchestrator.Core.Security;
using Orchestrator.Crypto;
using Orchestrator.Crypto.Certificates;

namespace Orchestrator.Core.Engine;

/// <summary>Turns PEM text into the CA material a rotation keeps.</summary>
public static class CaMaterials
{
    /// <summary>CryptoInputException when the certificate cannot be read.</summary>
    public static CaMaterial From(PemKeyPair pair)
    {
        ArgumentNullException.ThrowIfNull(pair);
        var details = PemCertificates.Describe(pair.CertificatePem);
        return new CaMaterial(pair.CertificatePem, new SensitiveText(pair.PrivateKeyPem), details.Subject, details.Sha256Fingerprint, details.NotAfter);
    }

    public static string Describe(CaMaterial ca)
    {
        ArgumentNullException.ThrowIfNull(ca);
        return $"{ca.Subject}, SHA-256 {ca.Sha256Fingerprint}, valid until {ca.NotAfter:yyyy-MM-dd}";
    }
}
