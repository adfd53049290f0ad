using Microsoft.Extensions.Logging;
using Orchestrator.Core.Specs;

namespace Orchestrator.Core.Engine;

/// <summary>
/// Waits, driven by the region's change events, until every pod has been replaced since this phase's Secret change
/// and is Ready (<see cref="RolloutJudge"/>); on the deadline, fails with what it was still waiting for.
/// </summary>
internal sealed partial class WaitRolloutExecutor(ILogger logger) : IStepExecutor
{
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
                if (verdict.Complete)
                {
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
                + (last?.Diagnosis ?? "the region's state could not be read"));
        }

        throw new StepFailedException($"{step.Region}: the watch on the region ended before the rollout completed");
    }

    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "{Region}: waiting for {WaitingFor}: {Diagnosis}")]
    private static partial void LogWaiting(ILogger logger, string region, WaitingFor waitingFor, string diagnosis);
}
