using Orchestrator.Core.Cluster;
using Orchestrator.Core.Rotations;

namespace Orchestrator.Core.Rollouts;

/// <summary>
/// Decides whether "all C* pods are restarted" after a Secret change, as DOMAIN.md spells it out: the operator has
/// acknowledged exactly the data written; every StatefulSet has a newer revision than before the write and meets
/// kubectl's rollout conditions; every pod carries that revision, has a UID not seen before the write, and is Ready.
/// kubectl's own verdict alone would say "complete" before the operator has even acted.
/// </summary>
public static class RolloutJudge
{
    // A wait judges many snapshots against one baseline: its set of UIDs is built once, not once per snapshot.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<RolloutBaseline, HashSet<string>> BaselineUids = [];

    public static RolloutVerdict Judge(ClusterSnapshot snapshot, RolloutBaseline baseline, string targetChecksum)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(baseline);
        var before = BaselineUids.GetValue(baseline, known => known.PodUids.ToHashSet(StringComparer.Ordinal));
        var progress = new List<StatefulSetProgress>();
        var problems = new List<string>();
        var anyReplacementMissing = false;
        var anyNotReady = false;
        var podsBySet = snapshot.Pods.ToLookup(pod => pod.StatefulSet, StringComparer.Ordinal);
        foreach (var set in snapshot.StatefulSets.OrderBy(set => set.Name, StringComparer.Ordinal))
        {
            var pods = podsBySet[set.Name].OrderBy(pod => pod.Name, StringComparer.Ordinal).ToList();
            var fresh = pods.Where(pod => !before.Contains(pod.Uid) && pod.Revision == set.UpdateRevision && !pod.Terminating).ToList();
            var freshNames = fresh.Select(pod => pod.Name).ToHashSet(StringComparer.Ordinal);
            var done = fresh.Count(pod => pod.Ready);
            progress.Add(new StatefulSetProgress(set.Name, Math.Min(done, set.Replicas), set.Replicas));

            var previous = baseline.StatefulSets.FirstOrDefault(old => old.Name == set.Name);
            var notReplaced = pods.Where(pod => !freshNames.Contains(pod.Name)).Select(pod => pod.Name).ToList();
            var notReady = fresh.Where(pod => !pod.Ready).Select(pod => pod.Name).ToList();
            var missing = set.Replicas - pods.Count;
            if (set.UpdateStrategy is not null and not "RollingUpdate")
            {
                problems.Add($"StatefulSet {set.Name} uses the {set.UpdateStrategy} update strategy: its pods are not replaced on a template change");
                anyReplacementMissing = true;
            }
            else if (previous is not null && set.UpdateRevision == previous.UpdateRevision)
            {
                problems.Add($"StatefulSet {set.Name} has no new revision yet (still {set.UpdateRevision})");
                anyReplacementMissing = true;
            }
            else if (notReplaced.Count > 0 || missing > 0 || fresh.Count < set.Replicas)
            {
                var waiting = notReplaced.Count > 0 ? $"pods not yet replaced: {Names(notReplaced)}" : $"{Math.Max(missing, set.Replicas - fresh.Count)} pod(s) not yet recreated";
                var unready = notReady.Count > 0 ? $"; replaced but not Ready: {Names(notReady)}" : string.Empty;
                problems.Add($"StatefulSet {set.Name}: {waiting}{unready}");
                anyReplacementMissing = true;
            }
            else if (notReady.Count > 0)
            {
                problems.Add($"StatefulSet {set.Name}: replaced but not Ready: {Names(notReady)}");
                anyNotReady = true;
            }
            else if (!KubectlComplete(set))
            {
                problems.Add($"StatefulSet {set.Name}: status not yet complete (observed generation {set.ObservedGeneration} of {set.Generation}, {set.ReadyReplicas} ready and {set.UpdatedReplicas} updated of {set.Replicas})");
            }
        }

        if (snapshot.StatefulSets.Count == 0)
        {
            return new RolloutVerdict(WaitingFor.Rollout, progress, "no Cassandra StatefulSet found");
        }

        if (snapshot.AcknowledgedChecksum != targetChecksum)
        {
            return new RolloutVerdict(WaitingFor.OperatorAcknowledgement, progress, "operator has not acknowledged the change (checksum annotation unchanged)");
        }

        if (problems.Count == 0)
        {
            return new RolloutVerdict(WaitingFor.Nothing, progress, "every pod is replaced and Ready");
        }

        var waitingFor = anyReplacementMissing ? WaitingFor.Rollout : anyNotReady ? WaitingFor.Readiness : WaitingFor.StatefulSetStatus;
        return new RolloutVerdict(waitingFor, progress, string.Join("; ", problems));
    }

    /// <summary>
    /// False when <paramref name="snapshot"/> cannot be complete whatever its pods say: there is no StatefulSet, the
    /// operator has not acknowledged <paramref name="targetChecksum"/>, or a StatefulSet's own status is not what
    /// kubectl calls complete. Reads only the StatefulSets (a handful) and never the pods (thousands, perhaps), so a
    /// wait can leave a snapshot unjudged while this is false. True says nothing more: <see cref="Judge"/> decides.
    /// </summary>
    public static bool MayBeComplete(ClusterSnapshot snapshot, string targetChecksum)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return snapshot.StatefulSets.Count > 0
            && snapshot.AcknowledgedChecksum == targetChecksum
            && snapshot.StatefulSets.All(KubectlComplete);
    }

    /// <summary>A list of pod names short enough to read in a status line.</summary>
    private static string Names(List<string> names) =>
        names.Count <= 8 ? string.Join(", ", names) : $"{string.Join(", ", names.Take(8))} and {names.Count - 8} more";

    /// <summary>kubectl's rollout_status.go for a StatefulSet, in its order.</summary>
    public static bool KubectlComplete(StatefulSetStatus set)
    {
        ArgumentNullException.ThrowIfNull(set);
        if (set.ObservedGeneration == 0 || set.Generation > set.ObservedGeneration || set.ReadyReplicas < set.Replicas)
        {
            return false;
        }

        return set.Partition is { } partition
            ? set.UpdatedReplicas >= set.Replicas - partition
            : set.UpdateRevision == set.CurrentRevision;
    }

    /// <summary>The baseline to judge the next change against: the region as it is in <paramref name="snapshot"/>.</summary>
    public static RolloutBaseline Baseline(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new RolloutBaseline(
            snapshot.StatefulSets.Select(set => new StatefulSetRevision(set.Name, set.Generation, set.UpdateRevision)).ToList(),
            snapshot.Pods.Select(pod => pod.Uid).ToList());
    }
}
