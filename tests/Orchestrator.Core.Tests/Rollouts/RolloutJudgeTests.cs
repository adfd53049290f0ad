using Orchestrator.Core.Cluster;
using Orchestrator.Core.Rollouts;
using Orchestrator.Core.Rotations;

namespace Orchestrator.Core.Tests.Rollouts;

public sealed class RolloutJudgeTests
{
    private const string Target = "new-checksum";
    private static readonly RolloutBaseline Before = new([new StatefulSetRevision("dc1", 1, "dc1-old")], ["u0", "u1", "u2"]);

    private static StatefulSetStatus Set(long generation = 2, long observed = 2, int ready = 3, int updated = 3, string current = "dc1-new", string update = "dc1-new") =>
        new("dc1", generation, observed, 3, ready, updated, current, update, "RollingUpdate", 0);

    private static PodStatus Pod(int ordinal, string uid, string revision = "dc1-new", bool ready = true, bool terminating = false) =>
        new($"dc1-{ordinal}", uid, "dc1", revision, ready, terminating);

    private static RolloutVerdict Judge(string? acknowledged, StatefulSetStatus set, params PodStatus[] pods) =>
        RolloutJudge.Judge(new ClusterSnapshot(acknowledged, [set], pods), Before, Target);

    [Fact]
    public void Judge_RightAfterTheWrite_WaitsForTheOperatorEvenThoughKubectlWouldSayComplete()
    {
        var untouched = Set(generation: 1, observed: 1, current: "dc1-old", update: "dc1-old");

        var verdict = Judge("old-checksum", untouched, Pod(0, "u0", "dc1-old"), Pod(1, "u1", "dc1-old"), Pod(2, "u2", "dc1-old"));

        Assert.True(RolloutJudge.KubectlComplete(untouched));
        Assert.Equal(WaitingFor.OperatorAcknowledgement, verdict.WaitingFor);
        Assert.Equal("operator has not acknowledged the change (checksum annotation unchanged)", verdict.Diagnosis);
    }

    [Fact]
    public void Judge_AcknowledgedButTemplateNotYetChanged_WaitsForANewRevision()
    {
        var verdict = Judge(Target, Set(generation: 1, observed: 1, current: "dc1-old", update: "dc1-old"), Pod(0, "u0", "dc1-old"), Pod(1, "u1", "dc1-old"), Pod(2, "u2", "dc1-old"));

        Assert.Equal(WaitingFor.Rollout, verdict.WaitingFor);
        Assert.Contains("no new revision", verdict.Diagnosis, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_MidRollout_NamesPodsNotYetReplacedAndCountsProgress()
    {
        var verdict = Judge(Target, Set(ready: 2, updated: 1, current: "dc1-old"), Pod(0, "u0", "dc1-old"), Pod(1, "u1", "dc1-old"), Pod(2, "n2"));

        Assert.Equal(WaitingFor.Rollout, verdict.WaitingFor);
        Assert.Equal("StatefulSet dc1: pods not yet replaced: dc1-0, dc1-1", verdict.Diagnosis);
        Assert.Equal(new StatefulSetProgress("dc1", 1, 3), Assert.Single(verdict.StatefulSets));
    }

    [Fact]
    public void Judge_AllReplacedOneNotReady_WaitsForReadiness()
    {
        var verdict = Judge(Target, Set(ready: 2), Pod(0, "n0"), Pod(1, "n1", ready: false), Pod(2, "n2"));

        Assert.Equal(WaitingFor.Readiness, verdict.WaitingFor);
        Assert.Equal("StatefulSet dc1: replaced but not Ready: dc1-1", verdict.Diagnosis);
    }

    [Fact]
    public void Judge_PodRestartedButStillAtTheOldRevision_DoesNotCountAsReplaced()
    {
        // A pod that restarted for another reason before the operator acted still mounts the old node Secret.
        var verdict = Judge(Target, Set(updated: 2, current: "dc1-old"), Pod(0, "n0-old-rev", "dc1-old"), Pod(1, "n1"), Pod(2, "n2"));

        Assert.False(verdict.Complete);
        Assert.Contains("dc1-0", verdict.Diagnosis, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_TerminatingPodOrMissingPod_NotComplete()
    {
        Assert.False(Judge(Target, Set(), Pod(0, "n0", terminating: true), Pod(1, "n1"), Pod(2, "n2")).Complete);
        Assert.False(Judge(Target, Set(ready: 2), Pod(1, "n1"), Pod(2, "n2")).Complete);
    }

    [Fact]
    public void Judge_StatusNotYetObserved_NotComplete()
    {
        var verdict = Judge(Target, Set(generation: 3, observed: 2), Pod(0, "n0"), Pod(1, "n1"), Pod(2, "n2"));

        Assert.Equal(WaitingFor.StatefulSetStatus, verdict.WaitingFor);
        Assert.Contains("observed generation 2 of 3", verdict.Diagnosis, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_EveryPodNewReadyAndAcknowledged_Complete()
    {
        var verdict = Judge(Target, Set(), Pod(0, "n0"), Pod(1, "n1"), Pod(2, "n2"));

        Assert.True(verdict.Complete);
        Assert.Equal(new StatefulSetProgress("dc1", 3, 3), Assert.Single(verdict.StatefulSets));
    }

    [Fact]
    public void Judge_OneOfTwoStatefulSetsDone_NotComplete()
    {
        var second = new StatefulSetStatus("dc2", 2, 2, 1, 1, 1, "dc2-old", "dc2-old", "RollingUpdate", 0);
        var baseline = new RolloutBaseline([new StatefulSetRevision("dc1", 1, "dc1-old"), new StatefulSetRevision("dc2", 1, "dc2-old")], ["u0", "u1", "u2", "v0"]);
        var snapshot = new ClusterSnapshot(Target, [Set(), second], [Pod(0, "n0"), Pod(1, "n1"), Pod(2, "n2"), new PodStatus("dc2-0", "v0", "dc2", "dc2-old", true, false)]);

        var verdict = RolloutJudge.Judge(snapshot, baseline, Target);

        Assert.False(verdict.Complete);
        Assert.Contains("StatefulSet dc2 has no new revision", verdict.Diagnosis, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_OnDeleteStrategy_SaysPodsWillNotBeReplaced()
    {
        var onDelete = Set() with { UpdateStrategy = "OnDelete", Partition = null };

        var verdict = Judge(Target, onDelete, Pod(0, "u0", "dc1-old"), Pod(1, "u1"), Pod(2, "u2"));

        Assert.Contains("OnDelete", verdict.Diagnosis, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_ManyPods_ListsAFewAndCountsTheRest()
    {
        var set = new StatefulSetStatus("dc1", 2, 2, 20, 20, 0, "dc1-old", "dc1-new", "RollingUpdate", 0);
        var pods = Enumerable.Range(0, 20).Select(i => Pod(i, $"old-{i}", "dc1-old")).ToArray();

        var verdict = RolloutJudge.Judge(new ClusterSnapshot(Target, [set], pods), Before, Target);

        Assert.EndsWith("and 12 more", verdict.Diagnosis, StringComparison.Ordinal);
    }

    [Fact]
    public void MayBeComplete_NotAcknowledgedOrAStatefulSetStillRolling_IsFalseWhateverThePods()
    {
        PodStatus[] done = [Pod(0, "n0"), Pod(1, "n1"), Pod(2, "n2")];

        Assert.False(RolloutJudge.MayBeComplete(new ClusterSnapshot("old-checksum", [Set()], done), Target));
        Assert.False(RolloutJudge.MayBeComplete(new ClusterSnapshot(Target, [Set(ready: 2)], done), Target));
        Assert.False(RolloutJudge.MayBeComplete(new ClusterSnapshot(Target, [Set(observed: 1)], done), Target));
        Assert.False(RolloutJudge.MayBeComplete(new ClusterSnapshot(Target, [], done), Target));
        Assert.True(RolloutJudge.MayBeComplete(new ClusterSnapshot(Target, [Set()], done), Target));
    }

    [Fact]
    public void MayBeComplete_ManySnapshots_IsNeverFalseWhenTheJudgeSaysComplete()
    {
        // Snapshots of every shape the fields allow, a few of them complete: a wait that trusted a false "cannot be
        // complete" would sit out a rollout that is over.
        var random = new Random(20261130);
        var complete = 0;
        for (var trial = 0; trial < 20_000; trial++)
        {
            var snapshot = RandomSnapshot(random);
            if (RolloutJudge.Judge(snapshot, Before, Target).Complete)
            {
                complete++;
                Assert.True(RolloutJudge.MayBeComplete(snapshot, Target), $"complete yet said impossible: {snapshot}");
            }
        }

        Assert.True(complete > 100, $"only {complete} complete snapshots were tried");
    }

    /// <summary>A snapshot near completion: each field is what completion needs, or now and then one of its other values.</summary>
    private static ClusterSnapshot RandomSnapshot(Random random)
    {
        T Pick<T>(T done, params T[] others) => random.Next(10) < 9 ? done : others[random.Next(others.Length)];
        var replicas = random.Next(2, 4);
        var set = new StatefulSetStatus(
            "dc1",
            Pick(2L, 1L, 3L),
            Pick(2L, 0L, 1L),
            replicas,
            Pick(replicas, replicas - 1),
            Pick(replicas, replicas - 1),
            Pick("dc1-new", "dc1-old"),
            Pick("dc1-new", "dc1-old"),
            Pick("RollingUpdate", "OnDelete"),
            Pick<int?>(0, null, 1));
        var pods = Enumerable.Range(0, Pick(replicas, replicas - 1))
            .Select(ordinal => new PodStatus(
                $"dc1-{ordinal}",
                Pick($"n{ordinal}", $"u{ordinal}"),
                "dc1",
                Pick("dc1-new", "dc1-old"),
                Pick(true, false),
                Pick(false, true)))
            .ToList();
        return new ClusterSnapshot(Pick(Target, "old-checksum"), [set], pods);
    }
}
