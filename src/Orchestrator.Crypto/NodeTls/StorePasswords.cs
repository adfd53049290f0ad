using System.Security.Cryptography;

namespace Orchestrator.Crypto.NodeTls;

internal static class StorePasswords
{
    // URL- and shell-safe, so the password survives Secrets, environment variables and JVM flags unquoted.
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /// <summary>24 characters of 6 bits each: 144 bits, far beyond guessing.</summary>
    public static string New() => RandomNumberGenerator.GetString(Alphabet, 24);
}
