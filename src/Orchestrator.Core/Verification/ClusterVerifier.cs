using Orchestrator.Core.Cassandra;
using Orchestrator.Core.Cluster;
using Orchestrator.Core.Preflight;
using Orchestrator.Core.Specs;

namespace Orchestrator.Core.Verification;

/// <summary>
/// Reads every region of a spec (reads only: no write, no Lease) and judges where each stands. A region that cannot be
/// read at all, or whose CA Secret is missing, is bad input as in <see cref="PreflightCheck"/>: a <see cref="PreflightException"/>.
/// </summary>
public sealed class ClusterVerifier(IClusterConnector connector, TimeProvider time)
{
    /// <param name="rotations">The state file's rotations of this cluster and Secret, newest first (see <see cref="RecordedRotations"/>).</param>
    public async Task<VerificationReport> VerifyAsync(RotationSpec spec, IReadOnlyList<RecordedRotation> rotations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(rotations);
        var readers = new List<(RegionSpec Region, IRegionReader Reader)>();
        try
        {
            foreach (var region in spec.Regions)
            {
                readers.Add((region, Connect(region, spec.Cluster)));
            }

            DistinctRegions.CheckAddresses(readers.Select(reader => (reader.Region, reader.Reader.Server)).ToList());
            var distinct = new DistinctRegions();
            var regions = new List<RegionVerification>();
            foreach (var (region, reader) in readers)
            {
                var reading = await PreflightCheck.ReadWithinBudgetAsync(reader, region, time, token => ReadAsync(spec, region, reader, token), cancellationToken);
                distinct.CheckSecret(region, reader.Server, reading.CaSecret);
                regions.Add(RegionVerification.Assess(reading, rotations, time.GetUtcNow()));
            }

            return VerificationReport.Of(regions);
        }
        finally
        {
            foreach (var (_, reader) in readers)
            {
                reader.Dispose();
            }
        }
    }

    private static async Task<RegionReading> ReadAsync(RotationSpec spec, RegionSpec region, IRegionReader reader, CancellationToken cancellationToken)
    {
        var ca = await reader.FindSecretAsync(spec.CaSecret, cancellationToken)
            ?? throw new PreflightException($"{region.Name}: Secret {region.Namespace}/{spec.CaSecret} not found; check caSecret and namespace in the spec");
        var nodeName = NodeTlsSecret.NameFor(spec.Cluster);
        var node = await reader.FindSecretAsync(nodeName, cancellationToken);
        var snapshot = await reader.SnapshotAsync(spec.CaSecret, cancellationToken);
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

    private IRegionReader Connect(RegionSpec region, string cluster)
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
