using Microsoft.Extensions.Logging;
using Orchestrator.Core.Cluster;
using Orchestrator.Core.Rollouts;
using Orchestrator.Core.Rotations;
using Orchestrator.Core.Specs;

namespace Orchestrator.Core.Steps;

/// <summary>
/// Waits, driven by the region's change events, until every pod has been replaced since this phase's Secret change
/// and is Ready (<see cref="RolloutJudge"/>); on the deadline, fails with what it was still waiting for. Its progress
/// is saved as it goes (at most once a second) so that <c>status</c> can show it from another process. While the
/// StatefulSets alone show that the rollout cannot be complete, a snapshot is judged whole (every pod read) only
/// once a second, for the progress shown; any snapshot that may be complete is judged at once.
/// </summary>
internal sealed partial class WaitRolloutExecutor(ILogger logger) : IStepExecutor
{
    private static readonly TimeSpan SaveInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxPause = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MinPause = TimeSpan.FromMilliseconds(1);
    private const int JudgeCostFactor = 100;

    /// <summary>
    /// A snapshot left unjudged costs the changes applied to it and a wake-up, not a pass over every pod: the pause
    /// after it is a tenth of a judgement's, short enough not to hold back the snapshot that ends the wait, long enough
    /// that a busy region's events are still taken in batches rather than one wake-up each.
    /// </summary>
    private const int UnjudgedCostShare = 10;
    private WaitProgress? _unsaved;

    public async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        var rotation = context.Rotation;
        var step = context.Step;
        var write = rotation.UpdateStepFor(step).Write
            ?? throw new StepFailedException($"{step.Region}: no Secret change was recorded for {step.Phase}; nothing to wait for");
        string? driftChecked = null;
        var cluster = context.Clusters[step.Region!];
        RolloutVerdict? last = null;
        ClusterSnapshot? unjudged = null;
        var judgedAt = context.Time.GetTimestamp();
        var pause = TimeSpan.Zero;
        var judgements = 0;
        // Disposed by StopAsync, which outlives this method: the watches hold its token until they have closed.
        var observing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // Pulled, not pumped: while a snapshot is judged, the changes that arrive meanwhile are folded into the next
        // one, so a slow judge skips states that are already out of date instead of falling behind.
        var snapshots = cluster.ObserveAsync(rotation.Spec.CaSecret, observing.Token).GetAsyncEnumerator(observing.Token);
        using var ticker = new PeriodicTimer(SaveInterval, context.Time);
        var next = snapshots.MoveNextAsync().AsTask();
        try
        {
            var tick = ticker.WaitForNextTickAsync(observing.Token).AsTask();
            while (true)
            {
                if (await Task.WhenAny(next, tick) == tick)
                {
                    // Whether or not anything changed since: make sure status shows the last state seen.
                    await tick;
                    if (unjudged is not null && Judge(unjudged).Complete)
                    {
                        return;
                    }

                    await SaveProgressAsync(context, cancellationToken);
                    tick = ticker.WaitForNextTickAsync(observing.Token).AsTask();
                    continue;
                }

                if (!await next)
                {
                    break;
                }

                var snapshot = snapshots.Current;
                if (snapshot.DataChecksum == write.TargetChecksum)
                {
                    driftChecked = null;
                }
                else if (snapshot.DataChecksum != driftChecked)
                {
                    // The Secret holds other data than this step wrote: waiting for the operator to acknowledge the
                    // step's data would wait until the deadline and then blame the operator.
                    driftChecked = snapshot.DataChecksum;
                    write = await SecretDrift.CheckAsync(context, write, logger, cancellationToken);
                }

                if (last is not null && context.Time.GetElapsedTime(judgedAt) < SaveInterval
                    && !RolloutJudge.MayBeComplete(snapshot, write.TargetChecksum))
                {
                    // Not done yet, as the StatefulSets alone show, and the progress shown is recent: the whole
                    // judgement, which reads every pod, waits for the next tick or for a state that may be complete.
                    unjudged = snapshot;
                    next = NextAsync(snapshots, pause / UnjudgedCostShare, context.Time, observing.Token);
                    continue;
                }

                if (Judge(snapshot).Complete)
                {
                    return;
                }

                next = NextAsync(snapshots, pause, context.Time, observing.Token);
            }
        }
        catch (OperationCanceledException) when (context.Deadline.IsCancellationRequested)
        {
            throw new StepFailedException(
                $"{step.Region}: rollout not complete after {GoDuration.Format(rotation.Spec.RolloutTimeout)}: "
                + (last?.Diagnosis ?? "its API server did not answer the first read of the region in that time (each attempt is in the log)"));
        }
        finally
        {
            // The verdict is in: the next step need not wait while the watches close.
            await observing.CancelAsync();
            context.Background.Add(StopAsync(snapshots, next, observing));
        }

        throw new StepFailedException($"{step.Region}: the watch on the region ended before the rollout completed");

        // Judges a snapshot and shows the verdict; once complete, records the region as it now is on the step.
        RolloutVerdict Judge(ClusterSnapshot snapshot)
        {
            unjudged = null;
            judgedAt = context.Time.GetTimestamp();
            var verdict = RolloutJudge.Judge(snapshot, write.Baseline, write.TargetChecksum);

            // The first judgement of a wait runs cold (caches, perhaps the JIT) and costs many times what the others
            // do: the pause it would set could hold back the snapshot that completes a short wait.
            if (judgements++ > 0)
            {
                pause = PauseAfter(context.Time.GetElapsedTime(judgedAt));
            }

            if (last is null || verdict.WaitingFor != last.WaitingFor)
            {
                LogWaiting(logger, step.Region!, verdict.WaitingFor, verdict.Diagnosis);
            }

            last = verdict;
            context.Observer.WaitProgress(rotation, step, verdict);
            if (verdict.Complete)
            {
                step.Progress = null;
                step.Settled = RolloutJudge.Baseline(snapshot);
                step.Detail = $"{snapshot.Pods.Count} pods replaced and Ready in {snapshot.StatefulSets.Count} StatefulSet(s)";
                return verdict;
            }

            _unsaved = new WaitProgress(
                verdict.WaitingFor.ToString(),
                verdict.StatefulSets.Select(set => new StatefulSetCount(set.Name, set.ReplacedAndReady, set.Total)).ToList(),
                verdict.Diagnosis,
                context.Time.GetUtcNow());
            return verdict;
        }
    }

    /// <summary>
    /// How long to let changes gather before the next judgement: nothing for a small region, where judging costs
    /// microseconds; in a region of thousands of pods, where it costs a millisecond or more, enough that judging
    /// stays near 1% of the time, never more than a quarter of a second.
    /// </summary>
    internal static TimeSpan PauseAfter(TimeSpan judged) =>
        TimeSpan.FromTicks(Math.Min(judged.Ticks * JudgeCostFactor, MaxPause.Ticks));

    private static async Task<bool> NextAsync(IAsyncEnumerator<ClusterSnapshot> snapshots, TimeSpan pause, TimeProvider time, CancellationToken cancellationToken)
    {
        if (pause >= MinPause)
        {
            await Task.Delay(pause, time, cancellationToken);
        }

        return await snapshots.MoveNextAsync();
    }

    /// <summary>
    /// Ends the cancelled observation: the pending read first (it ends with the cancellation), then the enumerator,
    /// then the cancellation source the watches were given.
    /// </summary>
    private async Task StopAsync(IAsyncEnumerator<ClusterSnapshot> snapshots, Task<bool> pending, CancellationTokenSource observing)
    {
        try
        {
            try
            {
                await pending;
            }
#pragma warning disable CA1031 // The wait's outcome is decided already; how the cancelled read ended changes nothing.
            catch (Exception)
            {
            }

            await snapshots.DisposeAsync();
        }
        catch (Exception failure)
        {
            // Nothing waits for this any more; say it, and let the run go on.
            LogStopFailed(logger, failure);
        }
#pragma warning restore CA1031
        finally
        {
            observing.Dispose();
        }
    }

    /// <summary>
    /// Saves the newest progress not saved yet, for <c>status</c> in another process: on its own, not with the
    /// rotation, whose document holds the region's pods and is kept for the moments something durable changes.
    /// </summary>
    private async Task SaveProgressAsync(StepContext context, CancellationToken cancellationToken)
    {
        if (_unsaved is null)
        {
            return;
        }

        context.Step.Progress = _unsaved;
        _unsaved = null;
        await context.Store.SaveProgressAsync(context.Rotation.Id, context.Step.Number, context.Step.Progress, cancellationToken);
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "closing a finished wait's watches failed")]
    private static partial void LogStopFailed(ILogger logger, Exception failure);

    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "{Region}: waiting for {WaitingFor}: {Diagnosis}")]
    private static partial void LogWaiting(ILogger logger, string region, WaitingFor waitingFor, string diagnosis);
}
