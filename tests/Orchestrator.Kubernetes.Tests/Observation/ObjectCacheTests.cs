using k8s;
using Orchestrator.Core.Cluster;
using Orchestrator.Kubernetes.Observation;

namespace Orchestrator.Kubernetes.Tests.Observation;

public sealed class ObjectCacheTests
{
    [Fact]
    public void Apply_SameStatusAgain_NoChange()
    {
        var cache = new ObjectCache<PodStatus>();

        Assert.True(cache.Apply(WatchEventType.Added, "p-0", Pod("p-0", ready: false)));
        Assert.False(cache.Apply(WatchEventType.Modified, "p-0", Pod("p-0", ready: false)));
        Assert.True(cache.Apply(WatchEventType.Modified, "p-0", Pod("p-0", ready: true)));
        Assert.True(cache.Apply(WatchEventType.Deleted, "p-0", Pod("p-0", ready: true)));
        Assert.False(cache.Apply(WatchEventType.Deleted, "p-0", Pod("p-0", ready: true)));
        Assert.False(cache.Apply(WatchEventType.Bookmark, "p-1", Pod("p-1", ready: true)));
        Assert.Empty(cache.Sorted());
    }

    [Fact]
    public void Replace_ChangedOnlyWhenAStatusDiffers()
    {
        var cache = new ObjectCache<PodStatus>();
        cache.Apply(WatchEventType.Added, "p-0", Pod("p-0", ready: true));

        Assert.False(cache.Replace(new Dictionary<string, PodStatus> { ["p-0"] = Pod("p-0", ready: true) }));
        Assert.True(cache.Replace(new Dictionary<string, PodStatus> { ["p-0"] = Pod("p-0", ready: false) }));
        Assert.True(cache.Replace(new Dictionary<string, PodStatus> { ["p-0"] = Pod("p-0", ready: false), ["p-1"] = Pod("p-1", ready: false) }));
        Assert.True(cache.Replace(new Dictionary<string, PodStatus> { ["p-1"] = Pod("p-1", ready: false) }));
    }

    [Fact]
    public void Sorted_ByName_AndACopy()
    {
        var cache = new ObjectCache<PodStatus>();
        cache.Apply(WatchEventType.Added, "p-2", Pod("p-2", ready: true));
        cache.Apply(WatchEventType.Added, "p-10", Pod("p-10", ready: true));

        var sorted = cache.Sorted();
        cache.Apply(WatchEventType.Deleted, "p-2", Pod("p-2", ready: true));

        Assert.Equal(["p-10", "p-2"], sorted.Select(pod => pod.Name));
    }

    [Fact]
    public void Sorted_FirstReadAfterLaterUpdates_ShowsItsOwnMoment()
    {
        var cache = new ObjectCache<PodStatus>();
        foreach (var ordinal in Enumerable.Range(0, 100))
        {
            cache.Apply(WatchEventType.Added, $"p-{ordinal:D3}", Pod($"p-{ordinal:D3}", ready: false));
        }

        var before = cache.Sorted();
        foreach (var ordinal in Enumerable.Range(0, 100))
        {
            cache.Apply(WatchEventType.Modified, $"p-{ordinal:D3}", Pod($"p-{ordinal:D3}", ready: true));
        }

        cache.Apply(WatchEventType.Deleted, "p-050", Pod("p-050", ready: true));
        cache.Apply(WatchEventType.Added, "p-100", Pod("p-100", ready: true));
        var after = cache.Sorted();
        cache.Replace(new Dictionary<string, PodStatus> { ["q-0"] = Pod("q-0", ready: true) });

        // Neither list was read until now, after every update: each must still show the moment it was taken.
        Assert.Equal(100, before.Count);
        Assert.All(before, pod => Assert.False(pod.Ready, pod.Name));
        Assert.Equal("p-099", before[99].Name);
        Assert.Equal(100, after.Count);
        Assert.All(after, pod => Assert.True(pod.Ready, pod.Name));
        Assert.DoesNotContain(after, pod => pod.Name == "p-050");
        Assert.Equal("p-100", after[99].Name);
        Assert.Equal(["q-0"], cache.Sorted().Select(pod => pod.Name));
    }

    [Fact]
    public void Apply_ARollingRestartOf3000Pods_EverySnapshotHoldsEveryPod()
    {
        var cache = new ObjectCache<PodStatus>();
        var names = Enumerable.Range(0, 3000).Select(ordinal => $"example-cluster-cassandra-dc1-{ordinal}").ToList();
        foreach (var name in names)
        {
            cache.Apply(WatchEventType.Added, name, Pod(name, ready: true));
        }

        // How fast this is, is measured by the benchmarks (3,000 pods in a region), not asserted here.
        var snapshots = 0;
        foreach (var name in names)
        {
            // Each pod: terminating, deleted, recreated, Ready: four events, one snapshot per pod.
            cache.Apply(WatchEventType.Modified, name, Pod(name, ready: false) with { Terminating = true });
            cache.Apply(WatchEventType.Deleted, name, Pod(name, ready: false));
            cache.Apply(WatchEventType.Added, name, Pod(name, ready: false) with { Uid = "new-" + name });
            cache.Apply(WatchEventType.Modified, name, Pod(name, ready: true) with { Uid = "new-" + name });
            if (cache.Sorted().Count == names.Count)
            {
                snapshots++;
            }
        }

        Assert.Equal(3000, snapshots);
        Assert.All(cache.Sorted(), pod => Assert.True(pod.Ready && pod.Uid.StartsWith("new-", StringComparison.Ordinal), pod.Name));
    }

    private static PodStatus Pod(string name, bool ready) => new(name, "uid-" + name, "example-cluster-cassandra-dc1", "rev-1", ready, false);
}
