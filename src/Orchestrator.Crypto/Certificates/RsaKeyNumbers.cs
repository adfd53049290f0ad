using Orchestrator.Crypto.Pem;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;
using PemBlockReader = Org.BouncyCastle.Utilities.IO.Pem.PemReader;

namespace Orchestrator.Crypto.Certificates;

/// <summary>
/// The numbers of RSA keys read straight from their encodings. BouncyCastle's key objects test every modulus they
/// are built from for compositeness (Miller–Rabin rounds: about a tenth of a second for a 4,096-bit key, each time),
/// which comparing a key with a certificate or counting its bits does not need: a key whose factors multiply to its
/// modulus is composite already.
/// </summary>
internal static class RsaKeyNumbers
{
    /// <summary>The certificate's RSA public key; null if it holds a key of another kind.</summary>
    public static RsaPublicKeyStructure? PublicKeyOf(X509Certificate certificate)
    {
        var info = certificate.CertificateStructure.SubjectPublicKeyInfo;
        return IsRsa(info.Algorithm) ? RsaPublicKeyStructure.GetInstance(info.ParsePublicKey()) : null;
    }

    /// <summary>
    /// The RSA private key of a text that is one unencrypted PKCS#1 or PKCS#8 PEM block; null for anything else (a key
    /// of another kind, an encrypted one, more than one block, a malformed one), which
    /// <see cref="PemDecoder.ReadPrivateKey"/> then reads and names as it does.
    /// </summary>
    public static RsaPrivateKeyStructure? PrivateKeyOf(string pem)
    {
        try
        {
            using var reader = new PemBlockReader(new StringReader(pem));
            var block = reader.ReadPemObject();
            if (block is null || block.Headers.Count > 0 || reader.ReadPemObject() is not null)
            {
                return null;
            }

            return block.Type switch
            {
                "RSA PRIVATE KEY" => RsaPrivateKeyStructure.GetInstance(block.Content),
                "PRIVATE KEY" when PrivateKeyInfo.GetInstance(block.Content) is { } info && IsRsa(info.PrivateKeyAlgorithm) =>
                    RsaPrivateKeyStructure.GetInstance(info.ParsePrivateKey()),
                _ => null,
            };
        }
        catch (Exception exception) when (DecodeFailures.IsDecodeFailure(exception))
        {
            return null;
        }
    }

    private static bool IsRsa(AlgorithmIdentifier algorithm) => algorithm.Algorithm.Equals(PkcsObjectIdentifiers.RsaEncryption);
}
