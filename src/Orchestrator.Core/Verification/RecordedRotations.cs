using Orchestrator.Core.Persistence;
using Orchestrator.Core.Specs;

namespace Orchestrator.Core.Verification;

/// <summary>The rotations a state file holds of a spec's cluster and CA Secret, as evidence of which CA is which.</summary>
public static class RecordedRotations
{
    /// <summary>Newest first; rotations that have not yet made their new CA tell nothing and are left out. Reads only.</summary>
    public static async Task<IReadOnlyList<RecordedRotation>> ReadAsync(IRotationStore store, RotationSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(spec);
        var recorded = new List<RecordedRotation>();
        foreach (var summary in await store.ListAsync(cancellationToken))
        {
            if (summary.Cluster != spec.Cluster)
            {
                continue;
            }

            var rotation = await store.FindAsync(summary.Id, cancellationToken);
            if (rotation is { OldCa: { } oldCa, NewCa: { } newCa } && rotation.Spec.CaSecret == spec.CaSecret)
            {
                recorded.Add(new RecordedRotation(rotation.Id, oldCa.Sha256Fingerprint, newCa.Sha256Fingerprint));
            }
        }

        return recorded;
    }
}
