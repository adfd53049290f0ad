using Orchestrator.Crypto.Keys;

namespace Orchestrator.Crypto.Authority;

/// <summary>What <c>utils/tls.sh create-ca-keypair</c> asks for or hard-codes.</summary>
/// <param name="Alias">Becomes the subject <c>O=&lt;alias&gt;</c>, and so the CA's truststore alias; must differ from every CA already trusted.</param>
/// <param name="KeySize">RSA modulus bits; the script uses 4096. At least 2048.</param>
/// <param name="ValidityDays">Days from now the CA stays valid; the script uses 3650.</param>
public sealed record CertificateAuthorityOptions(string Alias, int KeySize = 4096, int ValidityDays = 3650)
{
    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Alias, nameof(Alias));
        if (Alias.Trim().Length != Alias.Length)
        {
            // Invisible whitespace would make two aliases look equal to a person but differ to the truststore.
            throw new ArgumentException("CA alias must not start or end with whitespace.", nameof(Alias));
        }

        if (Alias.Any(char.IsControl))
        {
            throw new ArgumentException("CA alias must not contain control characters.", nameof(Alias));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(KeySize, RsaKeyGenerator.MinimumKeySize, nameof(KeySize));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ValidityDays, nameof(ValidityDays));
    }
}
