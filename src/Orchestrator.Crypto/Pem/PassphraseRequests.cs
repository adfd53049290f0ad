using Org.BouncyCastle.OpenSsl;

namespace Orchestrator.Crypto.Pem;

/// <summary>
/// Tells that a PEM block was passphrase-protected: BouncyCastle asks for a passphrase only then. The empty answer
/// lets decryption fail in its own way, after which the caller reports "encrypted" instead of "malformed".
/// </summary>
internal sealed class PassphraseRequests : IPasswordFinder
{
    public bool WasAsked { get; private set; }

    public char[] GetPassword()
    {
        WasAsked = true;
        return [];
    }
}
