using System.Collections.Concurrent;
using Orchestrator.Core.Cluster;
using Orchestrator.Core.Specs;

namespace Orchestrator.Cli.Tests.Support;

/// <summary>
/// A connector that hands out the real clients wrapped in <see cref="TrackedRegion"/>, to show in-process how a command
/// shares and closes them: how many were opened per region, and how each was used and disposed.
/// </summary>
internal sealed class TrackingConnector(IClusterConnector inner) : IClusterConnector
{
    private readonly ConcurrentQueue<TrackedRegion> _opened = new();

    /// <summary>Every client opened, in the order they were.</summary>
    public IReadOnlyList<TrackedRegion> Opened => [.. _opened];

    public IRegionCluster Connect(RegionSpec region, string cluster)
    {
        var tracked = new TrackedRegion(inner.Connect(region, cluster));
        _opened.Enqueue(tracked);
        return tracked;
    }
}
