namespace Orchestrator.Crypto;

/// <summary>
/// Unreadable or invalid crypto input supplied by a user (garbage PEM, wrong key type, wrong store password).
/// The message names what is wrong and never contains key material.
/// </summary>
public sealed class CryptoInputException : Exception
{
    public CryptoInputException()
        : base("Invalid crypto input.")
    {
    }

    public CryptoInputException(string message)
        : base(message)
    {
    }

    public CryptoInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
