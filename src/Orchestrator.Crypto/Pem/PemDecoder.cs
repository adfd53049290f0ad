using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.X509;

namespace Orchestrator.Crypto.Pem;

/// <summary>
/// Reads certificates and private keys from PEM text supplied by users. Every failure becomes a
/// <see cref="CryptoInputException"/> whose message names the input (<c>what</c>) but quotes none of it.
/// </summary>
internal static class PemDecoder
{
    public static X509Certificate ReadCertificate(string pem, string what) => ReadCertificates(pem, what)[0];

    /// <summary>All certificates in the text, in order; at least one.</summary>
    public static IReadOnlyList<X509Certificate> ReadCertificates(string pem, string what)
    {
        var objects = ReadObjects(pem, what);
        var certificates = objects.OfType<X509Certificate>().ToList();
        if (certificates.Count == 0)
        {
            throw new CryptoInputException($"{what} is not a certificate: {Describe(objects)}.");
        }

        return certificates;
    }

    public static AsymmetricKeyParameter ReadPrivateKey(string pem, string what)
    {
        var objects = ReadObjects(pem, what);
        foreach (var item in objects)
        {
            // "RSA PRIVATE KEY" and "EC PRIVATE KEY" come back as key pairs, "PRIVATE KEY" as the key alone.
            var key = item switch
            {
                AsymmetricCipherKeyPair pair => pair.Private,
                AsymmetricKeyParameter { IsPrivate: true } privateKey => privateKey,
                _ => null,
            };
            if (key is not null)
            {
                EnsureConsistent(key, what);
                return key;
            }
        }

        throw new CryptoInputException($"{what} is not a private key: {Describe(objects)}.");
    }

    private static void EnsureConsistent(AsymmetricKeyParameter key, string what)
    {
        if (key is RsaPrivateCrtKeyParameters rsa)
        {
            EnsureConsistent(rsa.P, rsa.Q, rsa.Modulus, what);
        }
    }

    /// <summary>A damaged RSA key can still parse; its factors then no longer multiply to its modulus.</summary>
    public static void EnsureConsistent(BigInteger p, BigInteger q, BigInteger modulus, string what)
    {
        if (!p.Multiply(q).Equals(modulus))
        {
            throw new CryptoInputException($"{what} is corrupted: its RSA parameters are inconsistent.");
        }
    }

    private static List<object> ReadObjects(string pem, string what)
    {
        ArgumentNullException.ThrowIfNull(pem);
        if (string.IsNullOrWhiteSpace(pem))
        {
            throw new CryptoInputException($"{what} is empty.");
        }

        var objects = new List<object>();
        var passphraseRequests = new PassphraseRequests();
        try
        {
            using var reader = new PemReader(new StringReader(pem), passphraseRequests);
            while (reader.ReadObject() is { } item)
            {
                objects.Add(item);
            }
        }
        catch (Exception exception) when (passphraseRequests.WasAsked && DecodeFailures.IsDecodeFailure(exception))
        {
            throw new CryptoInputException($"{what} is encrypted with a passphrase; an unencrypted key is required.", exception);
        }
        catch (Exception exception) when (DecodeFailures.IsDecodeFailure(exception))
        {
            throw new CryptoInputException($"{what} is not readable PEM: a PEM block is malformed or of an unsupported type.", exception);
        }

        if (objects.Count == 0)
        {
            throw new CryptoInputException($"{what} contains no PEM block (expected '-----BEGIN ...-----').");
        }

        return objects;
    }

    // Names what was found instead, by kind only, so that no key material can leak into a message.
    private static string Describe(List<object> objects)
    {
        var kinds = objects.Select(item => item switch
        {
            X509Certificate => "a certificate",
            AsymmetricCipherKeyPair or AsymmetricKeyParameter { IsPrivate: true } => "a private key",
            AsymmetricKeyParameter => "a public key",
            X9ECParameters => "EC parameters",
            X509Crl => "a certificate revocation list",
            _ => "an unsupported PEM block",
        });
        return "found " + string.Join(", ", kinds.Distinct());
    }
}
