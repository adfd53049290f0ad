using Orchestrator.Core.Cluster;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Specs;

namespace Orchestrator.Core.Preflight;

/// <summary>
/// Refuses two regions that are one Kubernetes cluster and namespace. Reached twice, the same CA Secret would look
/// done to the second region's steps ("already held this content") and its waits would end at once, while the real
/// second cluster was never touched: after the old CA's removal the two clusters could no longer talk. Two regions are
/// one when they name the same API server and namespace, or, however differently they reach it (two contexts, two
/// names or addresses of one server), when their CA Secret is the very same object (its uid).
/// </summary>
public sealed class DistinctRegions
{
    private readonly Dictionary<string, (RegionSpec Region, Uri Server)> _secrets = new(StringComparer.Ordinal);

    /// <summary>Refuses two regions whose kubeconfig contexts name the same API server and namespace.</summary>
    public static void CheckAddresses(IReadOnlyList<(RegionSpec Region, Uri Server)> regions)
    {
        ArgumentNullException.ThrowIfNull(regions);
        for (var later = 1; later < regions.Count; later++)
        {
            for (var earlier = 0; earlier < later; earlier++)
            {
                var (first, firstServer) = regions[earlier];
                var (second, secondServer) = regions[later];
                if (first.Namespace == second.Namespace && Address(firstServer) == Address(secondServer))
                {
                    throw new PreflightException(
                        $"regions {first.Name} and {second.Name} are one cluster: both reach namespace {second.Namespace} of the API server {Address(secondServer)} ({Through(first)}, {Through(second)}); "
                        + $"each region must be a Kubernetes cluster of its own: check the context of {second.Name} in the spec");
                }
            }
        }
    }

    /// <summary>Refuses <paramref name="region"/> when its CA Secret is the object an earlier region reached.</summary>
    public void CheckSecret(RegionSpec region, Uri server, CaSecret secret)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Uid is not { Length: > 0 } uid)
        {
            return;
        }

        if (_secrets.TryGetValue(uid, out var first))
        {
            throw new PreflightException(
                $"regions {first.Region.Name} and {region.Name} are one cluster: the CA Secret {secret.Namespace}/{secret.Name} that {region.Name} reaches at {Address(server)} ({Context(region)}) "
                + $"is the very object {first.Region.Name} reaches at {Address(first.Server)} ({Context(first.Region)}), uid {uid}; each region must be a Kubernetes cluster of its own: check their contexts in the spec");
        }

        _secrets[uid] = (region, server);
    }

    /// <summary>
    /// Both checks for a rotation that goes on (resume, abort): each region's CA Secret is read again, within
    /// <see cref="Preflight.ReadBudget"/>, since a kubeconfig may have been edited since the rotation started.
    /// </summary>
    public static async Task CheckAsync(RegionClusters clusters, RotationSpec spec, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        ArgumentNullException.ThrowIfNull(spec);
        var readers = spec.Regions.Select(region => (Region: region, Cluster: PreflightCheck.Connect(clusters, region))).ToList();
        CheckAddresses(readers.Select(reader => (reader.Region, reader.Cluster.Server)).ToList());
        var secrets = new DistinctRegions();
        foreach (var (region, cluster) in readers)
        {
            var secret = await PreflightCheck.ReadWithinBudgetAsync(cluster, region, time, token => cluster.FindSecretAsync(spec.CaSecret, token), cancellationToken);
            if (secret is not null)
            {
                secrets.CheckSecret(region, cluster.Server, secret);
            }
        }
    }

    /// <summary>An API server's address as a comparison needs it: scheme, host and port, and any path, without a final slash.</summary>
    private static string Address(Uri server) => server.GetLeftPart(UriPartial.Path).TrimEnd('/');

    private static string Through(RegionSpec region) => $"{region.Name} through {Context(region)}";

    private static string Context(RegionSpec region) =>
        region.Context is { } context ? $"context {context}" : $"the current context of {region.Kubeconfig}";
}
