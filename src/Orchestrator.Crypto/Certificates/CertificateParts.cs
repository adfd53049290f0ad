using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace Orchestrator.Crypto.Certificates;

/// <summary>Pieces every certificate this project issues shares, CA or node.</summary>
internal static class CertificateParts
{
    private static readonly SecureRandom Random = new();

    /// <summary>A random positive 159-bit serial, the size <c>openssl req -x509</c> uses.</summary>
    public static BigInteger NewSerialNumber()
    {
        Span<byte> bytes = stackalloc byte[20];
        RandomNumberGenerator.Fill(bytes);
        bytes[0] &= 0x7F; // positive, and at most 20 octets in DER
        bytes[0] |= 0x40; // never zero, and always the same length
        return new BigInteger(1, bytes.ToArray());
    }

    /// <summary>From now (whole seconds: X.509 times have no fraction) for <paramref name="days"/> days.</summary>
    public static (DateTime NotBefore, DateTime NotAfter) Validity(TimeProvider timeProvider, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(days);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var notBefore = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        return (notBefore, notBefore.AddDays(days));
    }

    public static Asn1SignatureFactory SignatureFactory(AsymmetricKeyParameter privateKey) => privateKey switch
    {
        RsaKeyParameters => new Asn1SignatureFactory("SHA256WITHRSA", privateKey, Random),
        ECPrivateKeyParameters => new Asn1SignatureFactory("SHA256WITHECDSA", privateKey, Random),
        _ => throw new CryptoInputException($"Signing with a {privateKey.GetType().Name} key is not supported; use an RSA or EC key."),
    };
}
