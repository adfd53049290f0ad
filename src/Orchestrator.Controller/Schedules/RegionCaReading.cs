using System.Globalization;
using k8s.Models;
using Orchestrator.Controller.Metrics;
using Orchestrator.Controller.Resources;
using Orchestrator.Core.Verification;
using Orchestrator.Crypto;

namespace Orchestrator.Controller.Schedules;

/// <summary>
/// One region's CA Secret as last read: its <c>ca.crt</c> (what node certificates are signed with, so what must be
/// renewed) and the end of every trusted entry (for the metrics), or why it is not known.
/// </summary>
internal sealed record RegionCaReading(string Region, CertificateDetails? Ca, IReadOnlyList<CaEntryExpiry> Entries, string? Problem)
{
    public static RegionCaReading Unread(string region, string problem) => new(region, null, [], problem);

    /// <param name="where">The Secret as messages name it: <c>namespace/name</c>.</param>
    public static RegionCaReading Of(string region, string where, V1Secret? secret, DateTimeOffset now)
    {
        if (secret is null)
        {
            return Unread(region, $"no Secret {where}; check the template's caSecret and namespace");
        }

        var inventory = CaSecretInventory.Read(secret.Data is { } data ? data.AsReadOnly() : new Dictionary<string, byte[]>(), now);
        var entries = inventory.Trusted
            .SelectMany(entry => entry.Certificates.Select(certificate => new CaEntryExpiry(entry.Key, certificate.NotAfter)))
            .ToList();
        return inventory.Main?.Certificate is { } ca
            ? new RegionCaReading(region, ca, entries, null)
            : new RegionCaReading(region, null, entries, $"Secret {where} has no readable ca.crt ({string.Join("; ", inventory.Problems)})");
    }

    public RegionCaStatus ToStatus() => Ca is { } ca
        ? new RegionCaStatus(Region, ca.Subject, ca.Sha256Fingerprint, Timestamp(ca.NotAfter))
        : new RegionCaStatus(Region, Problem: Problem);

    public static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);
}
