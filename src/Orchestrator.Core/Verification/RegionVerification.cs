using Orchestrator.Core.Cassandra;

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
    public string? MainSha256 => Entries.FirstOrDefault(entry => entry.Key == TrustedEntries.Certificate)?.Certificate?.Sha256Fingerprint;

    /// <summary>The fingerprints of every CA the region trusts, sorted: what regions must agree on.</summary>
    public IReadOnlyList<string> TrustedSha256 =>
        Entries.Where(entry => entry.IsTrusted).SelectMany(entry => entry.Certificates).Select(certificate => certificate.Sha256Fingerprint)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>Judges one region from what was read: its phase, the operator's acknowledgement, the node Secret, the rollout.</summary>
    public static RegionVerification Assess(RegionReading reading, IReadOnlyList<RecordedRotation> rotations, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(rotations);
        var ca = reading.CaSecret;
        var inventory = CaSecretInventory.Read(ca.Data, now);
        var problems = new List<string>(inventory.Problems);

        var checksum = SecretChecksum.Compute(ca.Data);
        var acknowledged = ca.Annotations.GetValueOrDefault(SecretChecksum.AnnotationName);
        if (acknowledged != checksum)
        {
            problems.Add($"the operator has not acknowledged the CA Secret's current data (its {SecretChecksum.AnnotationName} annotation is {acknowledged ?? "missing"}, the data's checksum is {checksum}): the node TLS Secret and the pods may not reflect it; is the operator running?");
        }

        NodeTlsReport? node = null;
        if (reading.NodeSecretData is { } nodeData)
        {
            node = NodeTlsCheck.Check(reading.NodeSecretName, nodeData, ca.Data, inventory, now);
            problems.AddRange(node.Problems);
        }
        else
        {
            problems.Add(reading.NodeSecretProblem ?? $"node TLS Secret {reading.NodeSecretName} could not be read");
        }

        var sets = reading.Snapshot.StatefulSets.Select(StatefulSetRollout.Of).ToList();
        if (sets.Count == 0)
        {
            problems.Add($"no StatefulSet labelled {CassandraLabels.Selector(reading.Cluster)} in namespace {reading.Namespace}");
        }

        // A rollout under way is the normal state of a region mid-phase: worth saying, not a failure of verify.
        var notes = sets.Where(set => !set.Settled).Select(set =>
            $"StatefulSet {set.Name} is still rolling out: {set.Ready}/{set.Replicas} ready, {set.Updated}/{set.Replicas} updated, revision {set.CurrentRevision ?? "-"} -> {set.UpdateRevision ?? "-"}").ToList();

        return new RegionVerification(
            reading.Region,
            reading.Namespace,
            PhaseJudge.Judge(inventory, rotations),
            acknowledged == checksum,
            inventory.Entries,
            node,
            sets,
            problems,
            notes);
    }
}
