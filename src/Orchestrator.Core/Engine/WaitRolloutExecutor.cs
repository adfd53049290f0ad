using Microsoft.Extensions.Logging;
using Orchestrator.Core.Rotations;
using Orchestrator.Core.Specs;

namespace Orchestrator.Core.Engine;

/// <summary>
/// Waits, driven by the region's change events, until every pod has been replaced since this phase's Secret change
/// and is Ready (<see cref="RolloutJudge"/>); on the deadline, fails with what it was still waiting for.
/// </summary>
internal sealed partial class WaitRolloutExecutor(ILogger logger) : IStepExecutor
{
    private static readonly TimeSpan MinimumSaveInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan IdleSaveInterval = TimeSpan.FromSeconds(30);
    private DateTimeOffset _lastSaved = DateTimeOffset.MinValue;

    public async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        var rotation = context.Rotation;
        var step = context.Step;
        var write = rotation.UpdateStepFor(step).Write
            ?? throw new StepFailedException($"{step.Region}: no Secret change was recorded for {step.Phase}; nothing to wait for");
        var cluster = context.Clusters[step.Region!];
        RolloutVerdict? last = null;
        try
        {
            await foreach (var snapshot in cluster.ObserveAsync(rotation.Spec.CaSecret, cancellationToken))
            {
                var verdict = RolloutJudge.Judge(snapshot, write.Baseline, write.TargetChecksum);
                if (last is null || verdict.WaitingFor != last.WaitingFor)
                {
                    LogWaiting(logger, step.Region!, verdict.WaitingFor, verdict.Diagnosis);
                }

                last = verdict;
                context.Observer.WaitProgress(rotation, step, verdict);
                await SaveProgressAsync(context, verdict, cancellationToken);
                if (verdict.Complete)
                {
                    step.Progress = null;
                    step.Settled = RolloutJudge.Baseline(snapshot);
                    step.Detail = $"{snapshot.Pods.Count} pods replaced and Ready in {snapshot.StatefulSets.Count} StatefulSet(s)";
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (context.Deadline.IsCancellationRequested)
        {
            throw new StepFailedException(
                $"{step.Region}: rollout not complete after {GoDuration.Format(rotation.Spec.RolloutTimeout)}: "
                + (last?.Diagnosis ?? "its API server did not answer the first read of the region in that time (each attempt is in the log)"));
        }

        throw new StepFailedException($"{step.Region}: the watch on the region ended before the rollout completed");
    }

    /// <summary>Keeps <c>status</c> (another process, reading the state file) current, without a save per event.</summary>
    private async Task SaveProgressAsync(StepContext context, RolloutVerdict verdict, CancellationToken cancellationToken)
    {
        var now = context.Time.GetUtcNow();
        var counts = verdict.StatefulSets.Select(set => new StatefulSetCount(set.Name, set.ReplacedAndReady, set.Total)).ToList();
        var previous = context.Step.Progress;
        var changed = previous is null
            || previous.WaitingFor != verdict.WaitingFor.ToString()
            || !previous.StatefulSets.SequenceEqual(counts);
        if (!verdict.Complete && (changed ? now - _lastSaved >= MinimumSaveInterval : now - _lastSaved >= IdleSaveInterval))
        {
            context.Step.Progress = new WaitProgress(verdict.WaitingFor.ToString(), counts, verdict.Diagnosis, now);
            await context.Store.SaveAsync(context.Rotation, [], cancellationToken);
            _lastSaved = now;
        }
    }

    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "{Region}: waiting for {WaitingFor}: {Diagnosis}")]
    private static partial void LogWaiting(ILogger logger, string region, WaitingFor waitingFor, string diagnosis);
}
