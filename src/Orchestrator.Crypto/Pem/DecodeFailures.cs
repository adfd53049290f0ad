using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Security;

namespace Orchestrator.Crypto.Pem;

/// <summary>
/// The exceptions BouncyCastle's parsers throw on malformed input. Parsing user data can fail in many shapes,
/// and each is turned into one <see cref="CryptoInputException"/> with a message of our own.
/// </summary>
internal static class DecodeFailures
{
    public static bool IsDecodeFailure(Exception exception) =>
        exception is IOException
            or ArgumentException
            or FormatException
            or InvalidCastException
            or InvalidOperationException
            or IndexOutOfRangeException
            or OverflowException
            or GeneralSecurityException
            or CryptoException;
}
