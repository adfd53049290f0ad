using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Security;

namespace Orchestrator.Crypto.Keys;

/// <summary>The one place CA and node RSA keys come from.</summary>
internal static class RsaKeyGenerator
{
    /// <summary>Smallest key accepted: anything shorter is neither safe nor accepted by current Java TLS defaults.</summary>
    public const int MinimumKeySize = 2048;

    public static AsymmetricCipherKeyPair Generate(int keySize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keySize, MinimumKeySize);
        if (keySize % 8 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(keySize), keySize, "RSA key size must be a multiple of 8 bits.");
        }

        // The platform generator (OpenSSL on Linux, e = 65537) is markedly faster and has a shorter tail
        // than BouncyCastle's for 4096-bit keys; BouncyCastle only builds and signs the certificates.
        using var rsa = RSA.Create(keySize);
        var parameters = rsa.ExportParameters(includePrivateParameters: true);
        try
        {
            return DotNetUtilities.GetRsaKeyPair(parameters);
        }
        finally
        {
            // The key now lives in BouncyCastle's big integers; do not leave a second copy for the GC.
            CryptographicOperations.ZeroMemory(parameters.D);
            CryptographicOperations.ZeroMemory(parameters.P);
            CryptographicOperations.ZeroMemory(parameters.Q);
            CryptographicOperations.ZeroMemory(parameters.DP);
            CryptographicOperations.ZeroMemory(parameters.DQ);
            CryptographicOperations.ZeroMemory(parameters.InverseQ);
        }
    }
}
