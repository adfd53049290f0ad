using Orchestrator.Core.Verification;

namespace Orchestrator.Controller.Metrics;

/// <summary>The CA entries of a CA Secret's data (<c>ca.crt</c> and each trusted <c>*.crt</c>) and when each expires; no key is read.</summary>
public static class CaEntryExpiries
{
    public static IReadOnlyList<CaEntryExpiry> Of(IReadOnlyDictionary<string, byte[]> data, DateTimeOffset now)
    {
        var certificates = data.Where(entry => entry.Key != Core.Cassandra.TrustedEntries.Key).ToDictionary(entry => entry.Key, entry => entry.Value, StringComparer.Ordinal);
        return [.. CaSecretInventory.Read(certificates, now).Trusted
            .Where(entry => entry.Certificates.Count > 0)
            .Select(entry => new CaEntryExpiry(entry.Key, entry.Certificates.Min(certificate => certificate.NotAfter)))];
    }
}
