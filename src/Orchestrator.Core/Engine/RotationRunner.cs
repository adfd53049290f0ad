using Microsoft.Extensions.Logging;
using Orchestrator.Core.Cluster;
using Orchestrator.Core.Gates;
using Orchestrator.Core.Persistence;
using Orchestrator.Core.Rotations;
using Orchestrator.Core.Specs;
using Orchestrator.Core.Steps;
using Orchestrator.Crypto;

namespace Orchestrator.Core.Engine;

/// <summary>
/// Runs a rotation's remaining steps in plan order, saving every step's start and end (and every Secret intent)
/// before going on, so that a run can stop anywhere (a failure, Ctrl-C, a killed process) and be resumed. The regions'
/// clients are borrowed from the caller, who disposes them once <see cref="RunAsync"/> has returned.
/// </summary>
public sealed partial class RotationRunner(
    IRotationStore store,
    RegionClusters clusters,
    IRotationObserver observer,
    TimeProvider time,
    ILoggerFactory loggers,
    NewCaHeadStart? newCaHeadStart = null,
    IGateSignalSource? gates = null)
{
    /// <summary>Why a rotation stopped when its run was interrupted (Ctrl-C, SIGTERM).</summary>
    public const string InterruptedReason = "interrupted (Ctrl-C or SIGTERM); resume continues it";

    /// <summary>How often a running step looks for an abort request in the state file.</summary>
    public static readonly TimeSpan AbortPollInterval = TimeSpan.FromSeconds(1);

    private readonly ILogger _logger = loggers.CreateLogger("Orchestrator.Runner");
    private readonly BackgroundWork _background = new();

    /// <summary>A step that succeeded, and its journal entry, saved with whatever the run saves next.</summary>
    private (StepRecord Step, JournalEntry Entry)? _unsavedSuccess;

    /// <summary>
    /// Runs the steps left. Returns only once the work its steps left in the background (the closes of finished
    /// watches) is over, so that the caller may dispose the clients as soon as it has returned.
    /// </summary>
    public async Task<RunOutcome> RunAsync(Rotation rotation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rotation);
        try
        {
            return await RunStepsAsync(rotation, cancellationToken);
        }
        finally
        {
            await _background.DrainAsync();
        }
    }

    private async Task<RunOutcome> RunStepsAsync(Rotation rotation, CancellationToken cancellationToken)
    {
        var lifecycle = new RotationLifecycle(rotation, time);
        if (await AbortRequestedAsync(rotation) is { } request)
        {
            await AbortAsync(rotation, lifecycle, request, cancellationToken);
        }
        else if (rotation.State == RotationState.Paused)
        {
            // Still held: nothing changes, and the run ends where it began.
            if (await HoldBeforeAsync(rotation, rotation.NextStep()!, cancellationToken) is { } still)
            {
                await KeepHoldAsync(rotation, still);
                return RunOutcome.Held;
            }

            var released = Released(rotation.Hold);
            rotation.Hold = null;
            lifecycle.Fire(RotationTrigger.Resume, released);
            await SaveAsync(rotation, lifecycle.TakeTransitions());
            LogReleased(_logger, released);
        }
        else
        {
            lifecycle.Fire(
                rotation.State == RotationState.Pending ? RotationTrigger.Start : RotationTrigger.Resume,
                rotation.State == RotationState.Pending ? "started" : $"resumed from {rotation.State}");
            await SaveAsync(rotation, lifecycle.TakeTransitions());
        }

        while (rotation.NextStep() is { } step)
        {
            // Gates are passed between steps only: a pause never cuts a Secret write or a wait in two.
            if (await HoldBeforeAsync(rotation, step, cancellationToken) is { } hold)
            {
                rotation.Hold = hold;
                lifecycle.Fire(RotationTrigger.Hold, hold.Message);
                await SaveAsync(rotation, lifecycle.TakeTransitions());
                LogHeld(_logger, hold.Reason, hold.Message);
                return RunOutcome.Held;
            }

            // An abort is taken between steps, so that a step too short for the watch below cannot let it slip past.
            string? failure;
            if (await AbortRequestedAsync(rotation) is { } pending)
            {
                if (await TryAbortAsync(rotation, lifecycle, pending, cancellationToken) is not { } refused)
                {
                    continue;
                }

                lifecycle.Fire(RotationTrigger.Fail, refused);
                await SaveAsync(rotation, lifecycle.TakeTransitions());
                return RunOutcome.Failed;
            }
            else
            {
                // Only a wait is stopped for an abort: a Secret write cut off half-way may still land after the roll-back
                // was planned from the Secret as it was read, and making the CA is over in moments.
                using var abortWatch = rotation.State == RotationState.RollingBack || step.Kind != StepKind.WaitRollout
                    ? null
                    : new AbortWatch(store, rotation.Id, AbortPollInterval, time);
                var abortRequested = abortWatch?.Requested ?? CancellationToken.None;
                using var stepToken = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, abortRequested);
                failure = await RunStepAsync(rotation, step, stepToken.Token, abortRequested);
                if (failure is null)
                {
                    continue;
                }

                if (abortRequested.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    failure = await TryAbortAsync(rotation, lifecycle, await AbortRequestedAsync(rotation) ?? "abort requested", cancellationToken);
                    if (failure is null)
                    {
                        continue;
                    }
                }
            }

            var interrupted = cancellationToken.IsCancellationRequested;
            if (interrupted)
            {
                lifecycle.Fire(RotationTrigger.Interrupt, InterruptedReason);
            }
            else
            {
                lifecycle.Fire(RotationTrigger.Fail, $"step {step.Number} ({step.Label}) failed: {failure}");
            }

            await SaveAsync(rotation, lifecycle.TakeTransitions());
            return interrupted ? RunOutcome.Interrupted : RunOutcome.Failed;
        }

        var rolledBack = rotation.State == RotationState.RollingBack;
        lifecycle.Fire(rolledBack ? RotationTrigger.RollbackComplete : RotationTrigger.Complete, rolledBack ? "every region is back on the old CA alone" : "every step succeeded");
        await SaveAsync(rotation, lifecycle.TakeTransitions());
        return rolledBack ? RunOutcome.RolledBack : RunOutcome.Succeeded;
    }

    /// <summary>
    /// Turns the rotation round: plans the undo steps from the regions as they are, then moves it to RollingBack.
    /// <see cref="InvalidTransitionException"/> (the request consumed, the rotation unchanged) when it cannot be done.
    /// </summary>
    private async Task AbortAsync(Rotation rotation, RotationLifecycle lifecycle, string reason, CancellationToken cancellationToken)
    {
        await store.ClearAbortRequestAsync(rotation.Id, CancellationToken.None);
        if (RollbackPlanner.Refusal(rotation) is { } refusal)
        {
            LogAbortRefused(_logger, refusal);
            throw new InvalidTransitionException(refusal);
        }

        try
        {
            await RollbackPlanner.PlanAsync(rotation, clusters, cancellationToken);
        }
        catch (Exception failure) when (failure is StepFailedException or ClusterException)
        {
            LogAbortRefused(_logger, failure.Message);
            throw new InvalidTransitionException($"rotation {rotation.Id} cannot be rolled back now: {failure.Message}", failure);
        }

        rotation.Hold = null;
        lifecycle.Fire(RotationTrigger.Abort, reason);
        await SaveAsync(rotation, lifecycle.TakeTransitions());
        LogAborted(_logger, rotation.Id, rotation.Steps.Count(step => step.Undo));
    }

    /// <summary>Rolls back as asked; null when done, else why it cannot be (the rotation then stops as failed).</summary>
    private async Task<string?> TryAbortAsync(Rotation rotation, RotationLifecycle lifecycle, string reason, CancellationToken cancellationToken)
    {
        try
        {
            await AbortAsync(rotation, lifecycle, reason, cancellationToken);
            return null;
        }
        catch (InvalidTransitionException refused)
        {
            return refused.Message;
        }
    }

    /// <summary>The gate <paramref name="step"/> waits at now, or null when it may begin.</summary>
    private async Task<Hold?> HoldBeforeAsync(Rotation rotation, StepRecord step, CancellationToken cancellationToken)
    {
        if (rotation.State == RotationState.RollingBack || step.Undo)
        {
            return null;
        }

        var signals = gates is null ? GateSignals.None : await gates.ReadAsync(rotation.Id, cancellationToken);
        return RotationGates.Before(rotation, step, signals, time.GetUtcNow());
    }

    /// <summary>Saves a hold that changed while held (e.g. approved, now waiting for the window), without a transition.</summary>
    private async Task KeepHoldAsync(Rotation rotation, Hold hold)
    {
        if (hold == rotation.Hold)
        {
            return;
        }

        var before = rotation.Hold;
        rotation.Hold = hold;
        rotation.Reason = hold.Message;
        if (before?.Reason == hold.Reason && before.Step == hold.Step)
        {
            await SaveAsync(rotation, []);
            return;
        }

        // Released from one gate into the next (approved, now waiting for the window): history shows both.
        await SaveAsync(rotation, [new JournalEntry
        {
            RotationId = rotation.Id,
            Time = time.GetUtcNow(),
            Kind = JournalEntryKind.Transition,
            From = RotationState.Paused.ToString(),
            To = RotationState.Paused.ToString(),
            Trigger = RotationTrigger.Hold.ToString(),
            Reason = $"{Released(before)}; {hold.Message}",
        }]);
        LogHeld(_logger, hold.Reason, hold.Message);
    }

    private static string Released(Hold? hold) => hold?.Reason switch
    {
        HoldReason.AwaitingApproval => $"step {hold.Step} approved",
        HoldReason.WaitingForWindow => $"{hold.Region}'s maintenance window is open",
        HoldReason.Paused => "continued",
        _ => "resumed from Paused",
    };

    private Task<string?> AbortRequestedAsync(Rotation rotation) => rotation.State == RotationState.RollingBack
        ? Task.FromResult<string?>(null)
        : store.FindAbortRequestAsync(rotation.Id, CancellationToken.None);

    /// <summary>Runs one step; null when it succeeded, else why it did not.</summary>
    private async Task<string?> RunStepAsync(Rotation rotation, StepRecord step, CancellationToken cancellationToken, CancellationToken abortRequested)
    {
        // A retried step starts from Failed, or from Running when the process that ran it died: the journal says which.
        var previous = step.Status;
        step.Status = StepStatus.Running;
        step.Attempts++;
        step.StartedAt = time.GetUtcNow();
        step.FinishedAt = null;
        step.Error = null;
        await SaveAsync(rotation, [Entry(rotation, step, JournalEntryKind.StepStarted, previous, null)]);
        observer.StepStarted(rotation, step);
        LogStepStarted(_logger, step.Number, step.Label, step.Attempts);

        string? failure = null;
        using var deadline = new CancellationTokenSource(rotation.Spec.RolloutTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        using var retrying = RetryDeadline.Until(time.GetUtcNow() + rotation.Spec.RolloutTimeout);
        try
        {
            var context = new StepContext(rotation, step, clusters, store, observer, time, _background, deadline.Token);
            await Executor(step.Kind).ExecuteAsync(context, linked.Token);
        }
        catch (OperationCanceledException) when (abortRequested.IsCancellationRequested)
        {
            failure = "stopped: the rotation is being aborted";
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            failure = "interrupted before it finished; resume continues it";
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            var last = step.Region is null ? null : clusters[step.Region].LastTransientFailure;
            failure = step.Region is null
                ? $"not finished after {GoDuration.Format(rotation.Spec.RolloutTimeout)}"
                : $"{step.Region}: no success within {GoDuration.Format(rotation.Spec.RolloutTimeout)}: its API server kept failing or could not be reached"
                    + (last is null ? " (each attempt is in the log with --verbose)" : $" (last: {last})");
        }
        catch (Exception known) when (known is StepFailedException or ClusterException or CryptoInputException)
        {
            failure = known.Message;
        }

        step.FinishedAt = time.GetUtcNow();
        step.Status = failure is null ? StepStatus.Succeeded : StepStatus.Failed;
        step.Error = failure;
        var finished = Entry(rotation, step, JournalEntryKind.StepFinished, StepStatus.Running, failure ?? step.Detail);
        if (failure is null)
        {
            // Saved in one commit with the next step's start (or the run's end), which comes before anything else
            // happens: a crash in between at worst repeats this step, which every step allows.
            _unsavedSuccess = (step, finished);
            LogStepSucceeded(_logger, step.Number, step.Label, step.Detail);
            return null;
        }

        await SaveAsync(rotation, [finished]);
        observer.StepFinished(rotation, step);
        if (abortRequested.IsCancellationRequested)
        {
            LogStepStoppedForAbort(_logger, step.Number, step.Label);
        }
        else if (cancellationToken.IsCancellationRequested)
        {
            LogStepInterrupted(_logger, step.Number, step.Label);
        }
        else
        {
            LogStepFailed(_logger, step.Number, step.Label, failure);
        }

        return failure;
    }

    private IStepExecutor Executor(StepKind kind) => kind switch
    {
        StepKind.GenerateCa => new GenerateCaExecutor(newCaHeadStart),
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
    private async Task SaveAsync(Rotation rotation, IReadOnlyList<JournalEntry> journal)
    {
        var success = _unsavedSuccess;
        rotation.UpdatedAt = time.GetUtcNow();
        await store.SaveAsync(rotation, success is { } done ? [done.Entry, .. journal] : journal, CancellationToken.None);
        if (success is { } saved)
        {
            _unsavedSuccess = null;
            observer.StepFinished(rotation, saved.Step);
        }
    }

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "abort refused: {Reason}")]
    private static partial void LogAbortRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "rotation {Rotation} aborted: rolling back in {Steps} steps")]
    private static partial void LogAborted(ILogger logger, RotationId rotation, int steps);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Information, Message = "held ({Reason}): {Message}")]
    private static partial void LogHeld(ILogger logger, HoldReason reason, string message);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Information, Message = "going on: {Why}")]
    private static partial void LogReleased(ILogger logger, string why);

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "step {Number} {Step}: started (attempt {Attempt})")]
    private static partial void LogStepStarted(ILogger logger, int number, string step, int attempt);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "step {Number} {Step}: succeeded: {Detail}")]
    private static partial void LogStepSucceeded(ILogger logger, int number, string step, string? detail);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "step {Number} {Step}: failed: {Reason}")]
    private static partial void LogStepFailed(ILogger logger, int number, string step, string reason);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Information, Message = "step {Number} {Step}: stopped to roll the rotation back")]
    private static partial void LogStepStoppedForAbort(ILogger logger, int number, string step);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "step {Number} {Step}: interrupted before it finished; resume continues it")]
    private static partial void LogStepInterrupted(ILogger logger, int number, string step);
}
