using Microsoft.Extensions.Logging;
using Orchestrator.Core.Cluster;
using Orchestrator.Core.Persistence;
using Orchestrator.Core.Rotations;
using Orchestrator.Core.Specs;
using Orchestrator.Crypto;

namespace Orchestrator.Core.Engine;

/// <summary>
/// Runs a rotation's remaining steps in plan order, saving every step's start and end (and every Secret intent)
/// before going on, so that a run can stop anywhere (a failure, Ctrl-C, a killed process) and be resumed.
/// </summary>
public sealed partial class RotationRunner(
    IRotationStore store,
    IClusterConnector connector,
    IRotationObserver observer,
    TimeProvider time,
    ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger("Orchestrator.Runner");

    public async Task<RunOutcome> RunAsync(Rotation rotation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rotation);
        var lifecycle = new RotationLifecycle(rotation, time);
        lifecycle.Fire(
            rotation.State == RotationState.Pending ? RotationTrigger.Start : RotationTrigger.Resume,
            rotation.State == RotationState.Pending ? "started" : $"resumed from {rotation.State}");
        await SaveAsync(rotation, lifecycle.TakeTransitions());

        using var clusters = new RegionClusters(connector, rotation.Spec);
        while (rotation.NextStep() is { } step)
        {
            var failure = await RunStepAsync(rotation, step, clusters, cancellationToken);
            if (failure is not null)
            {
                var interrupted = cancellationToken.IsCancellationRequested;
                lifecycle.Fire(RotationTrigger.Fail, interrupted ? "interrupted; run resume to continue" : $"step {step.Number} ({step.Label}) failed: {failure}");
                await SaveAsync(rotation, lifecycle.TakeTransitions());
                return interrupted ? RunOutcome.Interrupted : RunOutcome.Failed;
            }
        }

        lifecycle.Fire(RotationTrigger.Complete, "every step succeeded");
        await SaveAsync(rotation, lifecycle.TakeTransitions());
        return RunOutcome.Succeeded;
    }

    /// <summary>Runs one step; null when it succeeded, else why it did not.</summary>
    private async Task<string?> RunStepAsync(Rotation rotation, StepRecord step, RegionClusters clusters, CancellationToken cancellationToken)
    {
        step.Status = StepStatus.Running;
        step.Attempts++;
        step.StartedAt = time.GetUtcNow();
        step.FinishedAt = null;
        step.Error = null;
        await SaveAsync(rotation, [Entry(rotation, step, JournalEntryKind.StepStarted, StepStatus.Pending, null)]);
        observer.StepStarted(rotation, step);
        LogStepStarted(_logger, step.Number, step.Label, step.Attempts);

        string? failure = null;
        using var deadline = new CancellationTokenSource(rotation.Spec.RolloutTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            var context = new StepContext(rotation, step, clusters, store, observer, time, deadline.Token);
            await Executor(step.Kind).ExecuteAsync(context, linked.Token);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            failure = "interrupted before it finished; resume continues it";
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            failure = step.Region is null
                ? $"not finished after {GoDuration.Format(rotation.Spec.RolloutTimeout)}"
                : $"{step.Region}: no success within {GoDuration.Format(rotation.Spec.RolloutTimeout)}: its API server kept failing or could not be reached (each attempt is in the log)";
        }
        catch (Exception known) when (known is StepFailedException or ClusterException or CryptoInputException)
        {
            failure = known.Message;
        }

        step.FinishedAt = time.GetUtcNow();
        step.Status = failure is null ? StepStatus.Succeeded : StepStatus.Failed;
        step.Error = failure;
        await SaveAsync(rotation, [Entry(rotation, step, JournalEntryKind.StepFinished, StepStatus.Running, failure ?? step.Detail)]);
        observer.StepFinished(rotation, step);
        if (failure is null)
        {
            LogStepSucceeded(_logger, step.Number, step.Label, step.Detail);
        }
        else
        {
            LogStepFailed(_logger, step.Number, step.Label, failure);
        }

        return failure;
    }

    private IStepExecutor Executor(StepKind kind) => kind switch
    {
        StepKind.GenerateCa => new GenerateCaExecutor(),
        StepKind.UpdateSecret => new UpdateSecretExecutor(loggers.CreateLogger("Orchestrator.Secret")),
        _ => new WaitRolloutExecutor(loggers.CreateLogger("Orchestrator.Rollout")),
    };

    private JournalEntry Entry(Rotation rotation, StepRecord step, JournalEntryKind kind, StepStatus from, string? reason) => new()
    {
        RotationId = rotation.Id,
        Time = time.GetUtcNow(),
        Kind = kind,
        From = from.ToString(),
        To = step.Status.ToString(),
        Step = step.Number,
        StepName = step.Name,
        Region = step.Region,
        Attempt = step.Attempts,
        Duration = kind == JournalEntryKind.StepFinished ? step.FinishedAt - step.StartedAt : null,
        Reason = reason,
    };

    // Saved whatever happened to the run's token: a stop must be recorded to be resumable.
    private Task SaveAsync(Rotation rotation, IReadOnlyList<JournalEntry> journal)
    {
        rotation.UpdatedAt = time.GetUtcNow();
        return store.SaveAsync(rotation, journal, CancellationToken.None);
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "step {Number} {Step}: started (attempt {Attempt})")]
    private static partial void LogStepStarted(ILogger logger, int number, string step, int attempt);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "step {Number} {Step}: succeeded: {Detail}")]
    private static partial void LogStepSucceeded(ILogger logger, int number, string step, string? detail);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "step {Number} {Step}: failed: {Reason}")]
    private static partial void LogStepFailed(ILogger logger, int number, string step, string reason);
}
