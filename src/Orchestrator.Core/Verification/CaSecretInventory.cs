using System.Text;
using Orchestrator.Core.Cassandra;
using Orchestrator.Crypto;
using Orchestrator.Crypto.Certificates;

namespace Orchestrator.Core.Verification;

/// <summary>
/// The CA Secret as the operator reads it: <c>ca.crt</c>/<c>ca.key</c>, the main keypair it signs node certificates
/// with, and every <c>*.crt</c> entry, which it trusts. Other entries are none of its business and left out.
/// </summary>
public sealed class CaSecretInventory
{
    private CaSecretInventory(IReadOnlyList<CaEntry> entries, IReadOnlyList<string> problems)
    {
        Entries = entries;
        Problems = problems;
    }

    /// <summary><c>ca.crt</c>, <c>ca.key</c>, then the extra trusted entries in key order; those present.</summary>
    public IReadOnlyList<CaEntry> Entries { get; }

    /// <summary>What is wrong with the main keypair or an entry, each naming the entry.</summary>
    public IReadOnlyList<string> Problems { get; }

    public CaEntry? Main => Entries.FirstOrDefault(entry => entry.Key == TrustedEntries.Certificate);

    /// <summary>The trusted entries other than <c>ca.crt</c>.</summary>
    public IReadOnlyList<CaEntry> Extras => Entries.Where(entry => entry.IsTrusted && entry.Key != TrustedEntries.Certificate).ToList();

    /// <summary>Every entry the operator puts into the node truststore.</summary>
    public IReadOnlyList<CaEntry> Trusted => Entries.Where(entry => entry.IsTrusted).ToList();

    /// <summary>Reads the entries; <paramref name="now"/> is when <c>ca.crt</c> must be valid.</summary>
    public static CaSecretInventory Read(IReadOnlyDictionary<string, byte[]> data, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(data);
        var entries = new List<CaEntry>();
        var problems = new List<string>();
        var main = data.TryGetValue(TrustedEntries.Certificate, out var mainBytes) ? Certificates(TrustedEntries.Certificate, mainBytes) : null;
        if (main is null)
        {
            problems.Add("the CA Secret has no ca.crt entry: the operator cannot sign node certificates");
        }
        else
        {
            entries.Add(main);
            if (main.Certificate is { } certificate && (now < certificate.NotBefore || now > certificate.NotAfter))
            {
                problems.Add($"ca.crt ({certificate.Subject}) is not valid now: valid from {certificate.NotBefore:u} to {certificate.NotAfter:u}");
            }
        }

        if (data.TryGetValue(TrustedEntries.Key, out var keyBytes))
        {
            var key = Key(keyBytes, main is { Certificate: not null } ? mainBytes : null);
            entries.Add(key);
            if (key.KeyMatches is false)
            {
                problems.Add($"ca.key is not the private key of {main!.Label}: the operator cannot sign node certificates with them");
            }
        }
        else
        {
            problems.Add("the CA Secret has no ca.key entry: the operator cannot sign node certificates");
        }

        entries.AddRange(data
            .Where(entry => entry.Key != TrustedEntries.Certificate && TrustedEntries.IsTrusted(entry.Key))
            .OrderBy(entry => entry.Key, StringComparer.Ordinal)
            .Select(entry => Certificates(entry.Key, entry.Value)));
        problems.AddRange(entries.Where(entry => entry.Problem is not null).Select(entry => $"{entry.Key} cannot be read: {entry.Problem}"));
        return new CaSecretInventory(entries, problems);
    }

    private static CaEntry Certificates(string key, byte[] value)
    {
        try
        {
            return new CaEntry(key, PemCertificates.DescribeAll(Encoding.UTF8.GetString(value)), null, null);
        }
        catch (CryptoInputException unreadable)
        {
            return new CaEntry(key, [], null, unreadable.Message);
        }
    }

    private static CaEntry Key(byte[] value, byte[]? mainCertificate)
    {
        if (mainCertificate is null)
        {
            // Nothing to match it against; ca.crt's own problem says why.
            return new CaEntry(TrustedEntries.Key, [], null, null);
        }

        try
        {
            var matches = PemCertificates.KeyMatchesCertificate(Encoding.UTF8.GetString(mainCertificate), Encoding.UTF8.GetString(value));
            return new CaEntry(TrustedEntries.Key, [], matches, null);
        }
        catch (CryptoInputException unreadable)
        {
            return new CaEntry(TrustedEntries.Key, [], null, unreadable.Message);
        }
    }
}
