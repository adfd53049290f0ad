using System.Security.Cryptography;
using System.Text;

namespace Orchestrator.Store.Security;

/// <summary>
/// AES-256-GCM for single text fields: a fresh 12-byte nonce per value, a 16-byte tag, and a fixed label as
/// associated data so a value only decrypts as what it was written as. Stored as
/// <c>aesgcm1:</c> + base64(nonce ‖ tag ‖ ciphertext).
/// </summary>
internal sealed class FieldCipher
{
    public const string Prefix = "aesgcm1:";

    private const int NonceSize = 12;
    private const int TagSize = 16;

    private static readonly byte[] AssociatedData = Encoding.ASCII.GetBytes("orchestrator state: sensitive text v1");

    private readonly byte[] _key;

    public FieldCipher(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != StateKey.Length)
        {
            throw new ArgumentException($"the key must be {StateKey.Length} bytes", nameof(key));
        }

        _key = key;
    }

    public string Encrypt(string plaintext)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var sealedValue = new byte[NonceSize + TagSize + plain.Length];
        var nonce = sealedValue.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, sealedValue.AsSpan(NonceSize + TagSize), sealedValue.AsSpan(NonceSize, TagSize), AssociatedData);
        CryptographicOperations.ZeroMemory(plain);
        return Prefix + Convert.ToBase64String(sealedValue);
    }

    /// <summary>The plaintext; <see cref="FormatException"/> for a value not written by <see cref="Encrypt"/>, and
    /// <see cref="AuthenticationTagMismatchException"/> for another key's (or an altered) value.</summary>
    public string Decrypt(string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (!stored.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new FormatException("an encrypted field lacks its 'aesgcm1:' prefix");
        }

        var sealedValue = Convert.FromBase64String(stored[Prefix.Length..]);
        if (sealedValue.Length < NonceSize + TagSize)
        {
            throw new FormatException("an encrypted field is too short");
        }

        var plain = new byte[sealedValue.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(sealedValue.AsSpan(0, NonceSize), sealedValue.AsSpan(NonceSize + TagSize), sealedValue.AsSpan(NonceSize, TagSize), plain, AssociatedData);
        return Encoding.UTF8.GetString(plain);
    }
}
