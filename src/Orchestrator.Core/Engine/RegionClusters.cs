using Orchestrator.Core.Cluster;
using Orchestrator.Core.Specs;

namespace Orchestrator.Core.Engine;

/// <summary>
/// One open client per region of a run, connected on first use and closed together. A command makes one and lends it
/// to preflight, the Leases and the runner in turn, so each region's kubeconfig is read and its TLS connection made
/// once per process; only the command that made it disposes it, after every borrower has finished with it.
/// </summary>
public sealed class RegionClusters(IClusterConnector connector, RotationSpec spec) : IDisposable
{
    private readonly Dictionary<string, IRegionCluster> _open = new(StringComparer.Ordinal);

    // The Leases renew from a background task while the run uses the same clients.
    private readonly Lock _lock = new();
    private bool _disposed;

    public IRegionCluster this[string region]
    {
        get
        {
            lock (_lock)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (!_open.TryGetValue(region, out var cluster))
                {
                    cluster = connector.Connect(spec.Regions.Single(candidate => candidate.Name == region), spec.Cluster);
                    _open[region] = cluster;
                }

                return cluster;
            }
        }
    }

    public void Dispose()
    {
        List<IRegionCluster> open;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            open = [.. _open.Values];
            _open.Clear();
        }

        foreach (var cluster in open)
        {
            cluster.Dispose();
        }
    }
}
