using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math.EC.Multiplier;

namespace Orchestrator.Crypto.Certificates;

/// <summary>Whether a private key is the partner of a public key, by deriving the public half from it.</summary>
internal static class KeyPairMatch
{
    public static bool Matches(AsymmetricKeyParameter publicKey, AsymmetricKeyParameter privateKey) => (publicKey, privateKey) switch
    {
        (RsaKeyParameters rsaPublic, RsaPrivateCrtKeyParameters rsaPrivate) =>
            rsaPublic.Modulus.Equals(rsaPrivate.Modulus) && rsaPublic.Exponent.Equals(rsaPrivate.PublicExponent),

        // A non-CRT RSA key carries no public exponent; the modulus alone identifies the pair.
        (RsaKeyParameters rsaPublic, RsaKeyParameters { IsPrivate: true } rsaPrivate) => rsaPublic.Modulus.Equals(rsaPrivate.Modulus),

        (ECPublicKeyParameters ecPublic, ECPrivateKeyParameters ecPrivate) =>
            ecPublic.Parameters.Equals(ecPrivate.Parameters)
            && ecPublic.Q.Equals(new FixedPointCombMultiplier().Multiply(ecPrivate.Parameters.G, ecPrivate.D).Normalize()),

        (Ed25519PublicKeyParameters edPublic, Ed25519PrivateKeyParameters edPrivate) =>
            edPublic.GetEncoded().AsSpan().SequenceEqual(edPrivate.GeneratePublicKey().GetEncoded()),

        (RsaKeyParameters or ECPublicKeyParameters or Ed25519PublicKeyParameters, RsaKeyParameters or ECPrivateKeyParameters or Ed25519PrivateKeyParameters) => false,

        _ => throw new CryptoInputException(
            $"Cannot compare a {privateKey.GetType().Name} private key with a {publicKey.GetType().Name} public key; supported key types are RSA, EC and Ed25519."),
    };
}
