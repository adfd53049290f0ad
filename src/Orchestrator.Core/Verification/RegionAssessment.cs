using Orchestrator.Core.Cassandra;

namespace Orchestrator.Core.Verification;

/// <summary>Judges one region from what was read: its phase, the operator's acknowledgement, the node Secret, the rollout.</summary>
public static class RegionAssessment
{
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
