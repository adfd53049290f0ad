using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Orchestrator.Core.Cluster;
using Orchestrator.Core.Rotations;
using Orchestrator.Core.Specs;

namespace Orchestrator.Core.Engine;

/// <summary>
/// Waits, driven by the region's change events, until every pod has been replaced since this phase's Secret change
/// and is Ready (<see cref="RolloutJudge"/>); on the deadline, fails with what it was still waiting for. Its progress
/// is saved as it goes (at most once a second) so that <c>status</c> can show it from another process.
/// </summary>
internal sealed partial class WaitRolloutExecutor(ILogger logger) : IStepExecutor
{
    private static readonly TimeSpan SaveInterval = TimeSpan.FromSeconds(1);
    private WaitProgress? _unsaved;

    public async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        var rotation = context.Rotation;
        var step = context.Step;
        var write = rotation.UpdateStepFor(step).Write
            ?? throw new StepFailedException($"{step.Region}: no Secret change was recorded for {step.Phase}; nothing to wait for");
        var cluster = context.Clusters[step.Region!];
        RolloutVerdict? last = null;
        using var observing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // Only the newest state matters: a slow judge skips states that are already out of date.
        var snapshots = Channel.CreateBounded<ClusterSnapshot>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        var producer = ObserveAsync(cluster, rotation.Spec.CaSecret, snapshots.Writer, observing.Token);
        using var ticker = new PeriodicTimer(SaveInterval, context.Time);
        try
        {
            var tick = ticker.WaitForNextTickAsync(observing.Token).AsTask();
            var arrived = snapshots.Reader.WaitToReadAsync(observing.Token).AsTask();
            while (true)
            {
                if (await Task.WhenAny(arrived, tick) == tick)
                {
                    // Whether or not anything changed since: make sure status shows the last state seen.
                    await tick;
                    await SaveProgressAsync(context, cancellationToken);
                    tick = ticker.WaitForNextTickAsync(observing.Token).AsTask();
                    continue;
                }

                if (!await arrived)
                {
                    break;
                }

                snapshots.Reader.TryRead(out var snapshot);
                arrived = snapshots.Reader.WaitToReadAsync(observing.Token).AsTask();
                var verdict = RolloutJudge.Judge(snapshot!, write.Baseline, write.TargetChecksum);
                if (last is null || verdict.WaitingFor != last.WaitingFor)
                {
                    LogWaiting(logger, step.Region!, verdict.WaitingFor, verdict.Diagnosis);
                }

                last = verdict;
                context.Observer.WaitProgress(rotation, step, verdict);
                if (verdict.Complete)
                {
                    step.Progress = null;
                    step.Settled = RolloutJudge.Baseline(snapshot!);
                    step.Detail = $"{snapshot!.Pods.Count} pods replaced and Ready in {snapshot.StatefulSets.Count} StatefulSet(s)";
                    return;
                }

                _unsaved = new WaitProgress(
                    verdict.WaitingFor.ToString(),
                    verdict.StatefulSets.Select(set => new StatefulSetCount(set.Name, set.ReplacedAndReady, set.Total)).ToList(),
                    verdict.Diagnosis,
                    context.Time.GetUtcNow());
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
            await observing.CancelAsync();
            await producer;
        }

        throw new StepFailedException($"{step.Region}: the watch on the region ended before the rollout completed");
    }

    private static async Task ObserveAsync(IRegionCluster cluster, string caSecret, ChannelWriter<ClusterSnapshot> writer, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            await foreach (var snapshot in cluster.ObserveAsync(caSecret, cancellationToken))
            {
                writer.TryWrite(snapshot);
            }

            writer.TryComplete();
        }
        catch (Exception failure)
        {
            // The reader sees it: cancellation as cancellation, anything else as the wait's failure.
            writer.TryComplete(failure);
        }
    }

    /// <summary>Saves the newest progress not saved yet, for <c>status</c> in another process.</summary>
    private async Task SaveProgressAsync(StepContext context, CancellationToken cancellationToken)
    {
        if (_unsaved is null)
        {
            return;
        }

        context.Step.Progress = _unsaved;
        _unsaved = null;
        await context.Store.SaveAsync(context.Rotation, [], cancellationToken);
    }

    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "{Region}: waiting for {WaitingFor}: {Diagnosis}")]
    private static partial void LogWaiting(ILogger logger, string region, WaitingFor waitingFor, string diagnosis);
}
