using Orchestrator.Core.Cassandra;
using Orchestrator.Core.Cluster;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Specs;

namespace Orchestrator.Core.Verification;

/// <summary>
/// Reads every region of a spec (reads only: no write, no Lease) and judges where each stands. A region that cannot be
/// read at all, or whose CA Secret is missing, is bad input as in <see cref="Preflight"/>: a <see cref="PreflightException"/>.
/// </summary>
public sealed class ClusterVerifier(IClusterConnector connector, TimeProvider time)
{
    /// <param name="rotations">The state file's rotations of this cluster and Secret, newest first (see <see cref="RecordedRotations"/>).</param>
    public async Task<VerificationReport> VerifyAsync(RotationSpec spec, IReadOnlyList<RecordedRotation> rotations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(rotations);
        var regions = new List<RegionVerification>();
        foreach (var region in spec.Regions)
        {
            var reading = await ReadAsync(spec, region, cancellationToken);
            regions.Add(RegionAssessment.Assess(reading, rotations, time.GetUtcNow()));
        }

        return VerificationReport.Of(regions);
    }

    private async Task<RegionReading> ReadAsync(RotationSpec spec, RegionSpec region, CancellationToken cancellationToken)
    {
        using IRegionReader reader = Connect(region, spec.Cluster);
        using var budget = new CancellationTokenSource(Preflight.ReadBudget, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        try
        {
            var ca = await reader.FindSecretAsync(spec.CaSecret, linked.Token)
                ?? throw new PreflightException($"{region.Name}: Secret {region.Namespace}/{spec.CaSecret} not found; check caSecret and namespace in the spec");
            var nodeName = NodeTlsSecret.NameFor(spec.Cluster);
            var node = await reader.FindSecretAsync(nodeName, linked.Token);
            var snapshot = await reader.SnapshotAsync(spec.CaSecret, linked.Token);
            return new RegionReading(
                region.Name,
                spec.Cluster,
                region.Namespace,
                ca,
                nodeName,
                node?.Data,
                node is null ? $"node TLS Secret {region.Namespace}/{nodeName} not found: the operator has not generated it from the CA Secret" : null,
                snapshot);
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw Preflight.Unanswered(region.Name, reader.LastTransientFailure);
        }
        catch (ClusterException failure)
        {
            throw new PreflightException(failure.Message, failure);
        }
    }

    private IRegionCluster Connect(RegionSpec region, string cluster)
    {
        try
        {
            return connector.Connect(region, cluster);
        }
        catch (ClusterException failure)
        {
            throw new PreflightException(failure.Message, failure);
        }
    }
}
