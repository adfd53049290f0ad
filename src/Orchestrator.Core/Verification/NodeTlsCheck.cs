using System.Text;
using Orchestrator.Core.Cassandra;
using Orchestrator.Crypto;
using Orchestrator.Crypto.Certificates;
using Orchestrator.Crypto.NodeTls;

namespace Orchestrator.Core.Verification;

/// <summary>
/// Whether the node TLS Secret is what the operator makes from the CA Secret as it is: <c>tls.crt</c> signed by
/// <c>ca.crt</c> with <c>tls.key</c> its key, the same <c>ca.crt</c>, and a truststore holding exactly the CAs of the
/// <c>*.crt</c> entries (compared by fingerprint). Reads no key material into any message.
/// </summary>
public static class NodeTlsCheck
{
    public const string Certificate = "tls.crt";
    public const string PrivateKey = "tls.key";
    public const string Truststore = "truststore.p12";
    public const string TruststorePassword = "truststore.password";

    public static NodeTlsReport Check(
        string secretName,
        IReadOnlyDictionary<string, byte[]> node,
        IReadOnlyDictionary<string, byte[]> caData,
        CaSecretInventory ca,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(caData);
        ArgumentNullException.ThrowIfNull(ca);
        var problems = new List<string>();
        var (certificate, signedBy) = CheckCertificate(node, caData, ca, now, problems);
        CheckCaCopy(node, ca, problems);
        var (complete, missing, extra) = CheckTruststore(node, ca, problems);
        return new NodeTlsReport(secretName, certificate, signedBy, complete, missing, extra, problems.Select(problem => $"node TLS Secret {secretName}: {problem}").ToList());
    }

    private static (CertificateDetails? Certificate, string? SignedBy) CheckCertificate(
        IReadOnlyDictionary<string, byte[]> node,
        IReadOnlyDictionary<string, byte[]> caData,
        CaSecretInventory ca,
        DateTimeOffset now,
        List<string> problems)
    {
        if (!node.TryGetValue(Certificate, out var bytes))
        {
            problems.Add($"it has no {Certificate} entry");
            return (null, null);
        }

        var pem = Encoding.UTF8.GetString(bytes);
        CertificateDetails details;
        try
        {
            details = PemCertificates.Describe(pem);
        }
        catch (CryptoInputException unreadable)
        {
            problems.Add($"{Certificate} cannot be read: {unreadable.Message}");
            return (null, null);
        }

        if (now < details.NotBefore || now > details.NotAfter)
        {
            problems.Add($"{Certificate} ({details.Subject}) is not valid now: valid from {details.NotBefore:u} to {details.NotAfter:u}");
        }

        var signedBy = ca.Trusted.FirstOrDefault(entry => entry.Certificate is not null && SignedBy(pem, caData[entry.Key]));
        if (ca.Main?.Certificate is { } main && signedBy?.Key != TrustedEntries.Certificate)
        {
            var actual = signedBy is null ? $"by none of the CA Secret's CAs (its issuer is {details.Issuer})" : $"by {signedBy.Label}";
            problems.Add($"{Certificate} ({details.Subject}) is signed {actual}, not by ca.crt ({main.Subject}): it was not made from the CA Secret as it is");
        }

        CheckKey(node, pem, details, problems);
        return (details, signedBy?.Key);
    }

    private static bool SignedBy(string certificatePem, byte[] issuer)
    {
        try
        {
            return PemCertificates.IsSignedBy(certificatePem, Encoding.UTF8.GetString(issuer));
        }
        catch (CryptoInputException)
        {
            return false;
        }
    }

    private static void CheckKey(IReadOnlyDictionary<string, byte[]> node, string certificatePem, CertificateDetails details, List<string> problems)
    {
        if (!node.TryGetValue(PrivateKey, out var key))
        {
            problems.Add($"it has no {PrivateKey} entry");
            return;
        }

        try
        {
            if (!PemCertificates.KeyMatchesCertificate(certificatePem, Encoding.UTF8.GetString(key)))
            {
                problems.Add($"{PrivateKey} is not the private key of {Certificate} ({details.Subject})");
            }
        }
        catch (CryptoInputException unreadable)
        {
            problems.Add($"{PrivateKey} cannot be read: {unreadable.Message}");
        }
    }

    /// <summary>The operator copies <c>ca.crt</c> into the node Secret; another one there means it was made from other data.</summary>
    private static void CheckCaCopy(IReadOnlyDictionary<string, byte[]> node, CaSecretInventory ca, List<string> problems)
    {
        if (ca.Main?.Certificate is not { } main)
        {
            return;
        }

        if (!node.TryGetValue(TrustedEntries.Certificate, out var copy))
        {
            problems.Add($"it has no {TrustedEntries.Certificate} entry");
            return;
        }

        try
        {
            var held = PemCertificates.Describe(Encoding.UTF8.GetString(copy));
            if (held.Sha256Fingerprint != main.Sha256Fingerprint)
            {
                problems.Add($"its ca.crt ({held.Subject}, SHA-256 {held.Sha256Fingerprint}) is not the CA Secret's ca.crt ({main.Subject}, SHA-256 {main.Sha256Fingerprint})");
            }
        }
        catch (CryptoInputException unreadable)
        {
            problems.Add($"its ca.crt cannot be read: {unreadable.Message}");
        }
    }

    private static (bool Complete, IReadOnlyList<TrustAnchor> Missing, IReadOnlyList<TrustAnchor> Extra) CheckTruststore(
        IReadOnlyDictionary<string, byte[]> node,
        CaSecretInventory ca,
        List<string> problems)
    {
        if (!node.TryGetValue(Truststore, out var store) || !node.TryGetValue(TruststorePassword, out var password))
        {
            problems.Add($"it lacks {(node.ContainsKey(Truststore) ? TruststorePassword : Truststore)}");
            return (false, [], []);
        }

        List<TrustAnchor> held;
        try
        {
            held = Truststores.ReadTrustedCertificates(store, Encoding.UTF8.GetString(password))
                .Select(entry => (entry.Alias, Details: PemCertificates.Describe(entry.CertificatePem)))
                .Select(entry => new TrustAnchor(entry.Alias, entry.Details.Subject, entry.Details.Sha256Fingerprint))
                .ToList();
        }
        catch (CryptoInputException unreadable)
        {
            problems.Add($"{Truststore} cannot be read with {TruststorePassword}: {unreadable.Message}");
            return (false, [], []);
        }

        var wanted = ca.Trusted
            .SelectMany(entry => entry.Certificates.Select(certificate => new TrustAnchor(entry.Key, certificate.Subject, certificate.Sha256Fingerprint)))
            .ToList();
        var heldPrints = held.Select(anchor => anchor.Sha256).ToHashSet(StringComparer.Ordinal);
        var wantedPrints = wanted.Select(anchor => anchor.Sha256).ToHashSet(StringComparer.Ordinal);
        var missing = wanted.Where(anchor => !heldPrints.Contains(anchor.Sha256)).ToList();
        var extra = held.Where(anchor => !wantedPrints.Contains(anchor.Sha256)).ToList();
        problems.AddRange(missing.Select(anchor => $"{Truststore} lacks the CA of {anchor}: pods that start with it reject peers that CA signed"));
        problems.AddRange(extra.Select(anchor => $"{Truststore} trusts {anchor.Subject} (alias {anchor.Name}, SHA-256 {anchor.Sha256}), which no *.crt entry of the CA Secret holds"));
        return (missing.Count == 0, missing, extra);
    }
}
