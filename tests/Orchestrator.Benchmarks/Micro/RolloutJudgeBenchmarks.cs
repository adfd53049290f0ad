using BenchmarkDotNet.Attributes;
using Orchestrator.Core.Cluster;
using Orchestrator.Core.Rollouts;
using Orchestrator.Core.Rotations;

namespace Orchestrator.Benchmarks.Micro;

/// <summary>
/// Judging one snapshot of a region half-way through its rollout, as a wait does after every batch of changes: 30
/// StatefulSets of <see cref="PodsPerSet"/> pods, half of each replaced and Ready.
/// </summary>
[Config(typeof(QuickInProcessConfig))]
public class RolloutJudgeBenchmarks
{
    private const int Sets = 30;
    private ClusterSnapshot _snapshot = null!;
    private RolloutBaseline _baseline = null!;

    [Params(3, 100)]
    public int PodsPerSet { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var sets = Enumerable.Range(0, Sets).Select(set => $"cluster-dc{set:00}").ToList();
        var oldPods = sets.SelectMany(set => Enumerable.Range(0, PodsPerSet).Select(ordinal => $"{set}-{ordinal}-old-uid")).ToList();
        _baseline = new RolloutBaseline(sets.Select(set => new StatefulSetRevision(set, 1, $"{set}-rev1")).ToList(), oldPods);
        var pods = sets
            .SelectMany(set => Enumerable.Range(0, PodsPerSet).Select(ordinal => ordinal < PodsPerSet / 2
                ? new PodStatus($"{set}-{ordinal}", $"{set}-{ordinal}-new-uid", set, $"{set}-rev2", true, false)
                : new PodStatus($"{set}-{ordinal}", $"{set}-{ordinal}-old-uid", set, $"{set}-rev1", true, false)))
            .OrderBy(pod => pod.Name, StringComparer.Ordinal)
            .ToList();
        var statuses = sets.Select(set => new StatefulSetStatus(set, 2, 2, PodsPerSet, PodsPerSet, PodsPerSet / 2, $"{set}-rev1", $"{set}-rev2", "RollingUpdate", null)).ToList();
        _snapshot = new ClusterSnapshot("target", statuses, pods);
    }

    [Benchmark]
    public RolloutVerdict Judge() => RolloutJudge.Judge(_snapshot, _baseline, "target");
}
