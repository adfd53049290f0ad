using Orchestrator.Core.Cluster;
using Orchestrator.Core.Specs;

namespace Orchestrator.Core.Engine;

/// <summary>One open client per region of a run, connected on first use and closed together.</summary>
public sealed class RegionClusters(IClusterConnector connector, RotationSpec spec) : IDisposable
{
    private readonly Dictionary<string, IRegionCluster> _open = new(StringComparer.Ordinal);

    public IRegionCluster this[string region]
    {
        get
        {
            if (!_open.TryGetValue(region, out var cluster))
            {
                cluster = connector.Connect(spec.Regions.Single(candidate => candidate.Name == region), spec.Cluster);
                _open[region] = cluster;
            }

            return cluster;
        }
    }

    public void Dispose()
    {
        foreach (var cluster in _open.Values)
        {
            cluster.Dispose();
        }

        _open.Clear();
    }
}
