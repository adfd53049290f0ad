namespace Orchestrator.Core.Verification;

/// <summary>What <c>verify</c> found in one region.</summary>
/// <param name="Namespace">Where the CA Secret and the StatefulSets were looked for.</param>
/// <param name="OperatorAcknowledged">Whether the CA Secret's checksum annotation is the checksum of its data.</param>
/// <param name="Entries">The CA Secret's <c>ca.crt</c>, <c>ca.key</c> and <c>*.crt</c> entries; empty when it could not be read.</param>
/// <param name="NodeTls">The node TLS Secret held against the CA Secret; null when either could not be read.</param>
/// <param name="Problems">Every way the region falls short: each one makes <c>verify</c> fail.</param>
/// <param name="Notes">What is worth knowing but no failure, such as a rollout still under way.</param>
public sealed record RegionVerification(
    string Region,
    string Namespace,
    PhaseVerdict Phase,
    bool OperatorAcknowledged,
    IReadOnlyList<CaEntry> Entries,
    NodeTlsReport? NodeTls,
    IReadOnlyList<StatefulSetRollout> StatefulSets,
    IReadOnlyList<string> Problems,
    IReadOnlyList<string> Notes)
{
    /// <summary>The fingerprint of the CA the region signs with (<c>ca.crt</c>); null when unreadable.</summary>
    public string? MainSha256 => Entries.FirstOrDefault(entry => entry.Key == Cassandra.TrustedEntries.Certificate)?.Certificate?.Sha256Fingerprint;

    /// <summary>The fingerprints of every CA the region trusts, sorted: what regions must agree on.</summary>
    public IReadOnlyList<string> TrustedSha256 =>
        Entries.Where(entry => entry.IsTrusted).SelectMany(entry => entry.Certificates).Select(certificate => certificate.Sha256Fingerprint)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
}
