using Orchestrator.Crypto.Pem;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;

namespace Orchestrator.Crypto.NodeTls;

/// <summary>PKCS#12 files that OpenSSL 3 (without <c>-legacy</c>) and Java's keytool both read.</summary>
internal static class Pkcs12Stores
{
    private static readonly SecureRandom Random = new();

    /// <summary>
    /// Keys and certificates encrypted with PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) instead of BouncyCastle's legacy
    /// defaults (3DES, RC2-40), which OpenSSL 3 refuses without its legacy provider. The integrity MAC stays
    /// HMAC-SHA1: BouncyCastle 2.7 offers no other, and OpenSSL 3 and Java accept it. Certificate-only entries get
    /// Oracle's trusted-key-usage bag attribute, without which Java ignores them as trust anchors.
    /// </summary>
    public static Pkcs12Store NewStore() =>
        new Pkcs12StoreBuilder()
            .SetKeyAlgorithm(NistObjectIdentifiers.IdAes256Cbc, PkcsObjectIdentifiers.IdHmacWithSha256)
            .SetCertAlgorithm(NistObjectIdentifiers.IdAes256Cbc, PkcsObjectIdentifiers.IdHmacWithSha256)
            .SetEnableOracleTrustedKeyUsage(true)
            .SetUseDerEncoding(true)
            .Build();

    public static byte[] Save(Pkcs12Store store, string password)
    {
        using var output = new MemoryStream();
        store.Save(output, password.ToCharArray(), Random);
        return output.ToArray();
    }

    /// <exception cref="CryptoInputException">The bytes are no PKCS#12 store or the password is wrong.</exception>
    public static Pkcs12Store Load(byte[] pkcs12, string password, string what)
    {
        ArgumentNullException.ThrowIfNull(pkcs12);
        ArgumentNullException.ThrowIfNull(password);
        if (pkcs12.Length == 0)
        {
            throw new CryptoInputException($"{what} is empty.");
        }

        var store = new Pkcs12StoreBuilder().Build();
        try
        {
            using var input = new MemoryStream(pkcs12, writable: false);
            store.Load(input, password.ToCharArray());
        }
        // BouncyCastle tells a failed integrity check (almost always a wrong password) only by its message.
        catch (IOException exception) when (exception.Message.Contains("MAC invalid", StringComparison.Ordinal))
        {
            throw new CryptoInputException($"{what} password is wrong, or the store is corrupted.", exception);
        }
        catch (Exception exception) when (DecodeFailures.IsDecodeFailure(exception))
        {
            throw new CryptoInputException($"{what} is not a readable PKCS#12 store.", exception);
        }

        return store;
    }
}
