using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.Core.Cluster;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Rollouts;
using Orchestrator.Core.Rotations;
using Orchestrator.Core.Specs;
using Orchestrator.Core.Steps;
using Orchestrator.Core.Tests.Support;
using Orchestrator.Testing;

namespace Orchestrator.Core.Tests.Steps;

/// <summary>
/// A wait judges every snapshot that may be complete at once, and the others (the StatefulSets show a rollout still
/// under way) at most once a second: the newest of them on the next tick, so the progress shown is never older.
/// </summary>
public sealed class WaitRolloutJudgingTests : IDisposable
{
    private const string Target = "target-checksum";
    private static readonly RolloutBaseline Before = new([new StatefulSetRevision("dc1", 1, "dc1-old")], ["u0", "u1", "u2"]);

    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-30T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly ScriptedRegion _region = new();
    private readonly RecordingObserver _observer = new();
    private readonly Lock _savedLock = new();
    private readonly List<WaitProgress> _saved = [];
    private readonly UnusedStore _store;

    public WaitRolloutJudgingTests() => _store = new UnusedStore(progress =>
    {
        lock (_savedLock)
        {
            _saved.Add(progress);
        }
    });

    /// <summary>The progress the wait has saved, oldest first.</summary>
    private IReadOnlyList<WaitProgress> Saved
    {
        get
        {
            lock (_savedLock)
            {
                return [.. _saved];
            }
        }
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _region.Dispose();
        _store.Dispose();
    }

    [Fact]
    public async Task Execute_SnapshotsOfARolloutUnderWay_JudgesTheFirstThenOnlyTheOneThatMayBeComplete()
    {
        var (rotation, wait) = Waiting();
        var running = Execute(rotation, wait);

        _region.Show(UnderWay(replaced: 0));
        _region.Show(UnderWay(replaced: 1));
        _region.Show(UnderWay(replaced: 2));
        _region.Show(Complete());
        await running.WaitAsync(TimeSpan.FromSeconds(30), Token);

        Assert.Equal([0, 3], _observer.Verdicts.Select(verdict => verdict.StatefulSets.Single().ReplacedAndReady));
        Assert.True(_observer.Verdicts[^1].Complete);
        Assert.Equal("3 pods replaced and Ready in 1 StatefulSet(s)", wait.Detail);
        Assert.Equal(["n0", "n1", "n2"], wait.Settled!.PodUids);
    }

    [Fact]
    public async Task Execute_SnapshotLeftUnjudged_IsJudgedAndItsProgressSavedOnTheNextTick()
    {
        var (rotation, wait) = Waiting();
        var running = Execute(rotation, wait);
        _region.Show(UnderWay(replaced: 0));
        await Polling.UntilAsync(() => _observer.Verdicts.Count == 1, "the first snapshot is judged");

        _region.Show(UnderWay(replaced: 2));
        await Polling.UntilAsync(() => _region.Done == 2, "the wait is done with the second snapshot");
        Assert.Single(_observer.Verdicts);
        _time.Advance(TimeSpan.FromSeconds(1));
        await Polling.UntilAsync(() => Saved.Count > 0, "a tick saves the progress");

        Assert.Equal(2, _observer.Verdicts[^1].StatefulSets.Single().ReplacedAndReady);
        Assert.Equal(2, Saved[^1].StatefulSets.Single().ReplacedAndReady);
        _region.Show(Complete());
        await running.WaitAsync(TimeSpan.FromSeconds(30), Token);
    }

    [Fact]
    public async Task Execute_ASecondAfterTheLastJudgement_JudgesTheNextSnapshotAtOnce()
    {
        var (rotation, wait) = Waiting();
        var running = Execute(rotation, wait);
        _region.Show(UnderWay(replaced: 0));
        await Polling.UntilAsync(() => _observer.Verdicts.Count == 1, "the first snapshot is judged");

        // The clock moves on while the tick is not yet due to be seen: the next snapshot is judged as it comes.
        _time.Advance(TimeSpan.FromSeconds(1));
        _region.Show(UnderWay(replaced: 1));
        await Polling.UntilAsync(() => _observer.Verdicts.Count == 2, "the next snapshot is judged");

        Assert.Equal(1, _observer.Verdicts[^1].StatefulSets.Single().ReplacedAndReady);
        _region.Show(Complete());
        await running.WaitAsync(TimeSpan.FromSeconds(30), Token);
    }

    private (Rotation Rotation, StepRecord Wait) Waiting()
    {
        var rotation = Samples.Rotation("region1");
        var wait = rotation.Steps.First(step => step.Kind == StepKind.WaitRollout);
        rotation.UpdateStepFor(wait).Write = new SecretWrite { TargetChecksum = Target, Baseline = Before, IntendedAt = _time.GetUtcNow(), Done = true };
        return (rotation, wait);
    }

    private Task Execute(Rotation rotation, StepRecord wait)
    {
        var clusters = new RegionClusters(new ScriptedConnector(_region), rotation.Spec);
        var context = new StepContext(rotation, wait, clusters, _store, _observer, _time, new BackgroundWork(), CancellationToken.None);
        return new WaitRolloutExecutor(NullLogger.Instance).ExecuteAsync(context, Token);
    }

    /// <summary>Acknowledged, the new revision rolling out: <paramref name="replaced"/> of the three pods replaced and Ready.</summary>
    private static ClusterSnapshot UnderWay(int replaced) => new(
        Target,
        [new StatefulSetStatus("dc1", 2, 2, 3, 3, replaced, "dc1-old", "dc1-new", "RollingUpdate", 0)],
        [.. Enumerable.Range(0, 3).Select(ordinal => ordinal < replaced
            ? new PodStatus($"dc1-{ordinal}", $"n{ordinal}", "dc1", "dc1-new", true, false)
            : new PodStatus($"dc1-{ordinal}", $"u{ordinal}", "dc1", "dc1-old", true, false))]);

    private static ClusterSnapshot Complete() => new(
        Target,
        [new StatefulSetStatus("dc1", 2, 2, 3, 3, 3, "dc1-new", "dc1-new", "RollingUpdate", 0)],
        [.. Enumerable.Range(0, 3).Select(ordinal => new PodStatus($"dc1-{ordinal}", $"n{ordinal}", "dc1", "dc1-new", true, false))]);

    /// <summary>A region whose observation yields the snapshots a test shows it, when it shows them.</summary>
    private sealed class ScriptedRegion() : UnusedRegion("region1")
    {
        private readonly Channel<ClusterSnapshot> _snapshots = Channel.CreateUnbounded<ClusterSnapshot>();

        private int _done;

        /// <summary>How many snapshots the wait is done with: it has asked for the next one.</summary>
        public int Done => Volatile.Read(ref _done);

        public void Show(ClusterSnapshot snapshot) => _snapshots.Writer.TryWrite(snapshot);

        public override async IAsyncEnumerable<ClusterSnapshot> ObserveAsync(string caSecret, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            while (await _snapshots.Reader.WaitToReadAsync(cancellationToken))
            {
                while (_snapshots.Reader.TryRead(out var snapshot))
                {
                    yield return snapshot;
                    Interlocked.Increment(ref _done);
                }
            }
        }
    }

    private sealed class ScriptedConnector(ScriptedRegion region) : IClusterConnector
    {
        public IRegionCluster Connect(RegionSpec spec, string cluster) => region;
    }

    private sealed class RecordingObserver : IRotationObserver
    {
        private readonly Lock _lock = new();
        private readonly List<RolloutVerdict> _verdicts = [];

        public IReadOnlyList<RolloutVerdict> Verdicts
        {
            get
            {
                lock (_lock)
                {
                    return [.. _verdicts];
                }
            }
        }

        public void StepStarted(Rotation rotation, StepRecord step)
        {
        }

        public void StepFinished(Rotation rotation, StepRecord step)
        {
        }

        public void WaitProgress(Rotation rotation, StepRecord step, RolloutVerdict verdict)
        {
            lock (_lock)
            {
                _verdicts.Add(verdict);
            }
        }
    }
}
