using Microsoft.Extensions.Logging;
using Orchestrator.Core.Cassandra;
using Orchestrator.Core.Rollouts;
using Orchestrator.Core.Rotations;

namespace Orchestrator.Core.Steps;

/// <summary>
/// Makes a phase's change to one region's CA Secret, exactly once: the intent (target checksum and the region's
/// state before) is saved before the write and marked done after it. On a conflict, or on resume, the Secret is
/// read again: if it already holds the target, nothing is written again; if it holds something neither before nor
/// after this step, someone else changed it and the step stops rather than overwrite it.
/// </summary>
internal sealed partial class UpdateSecretExecutor(ILogger logger) : IStepExecutor
{
    private const int MaximumConflicts = 10;

    public async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        var rotation = context.Rotation;
        var step = context.Step;
        var region = step.Region!;
        var phase = rotation.TargetOf(step);
        var previous = rotation.ExpectedBefore(step);
        var content = new SecretContent(rotation.OldCa!, rotation.NewCa!, rotation.Spec.ExtraCaKey);
        var cluster = context.Clusters[region];
        for (var conflicts = 0; conflicts <= MaximumConflicts; conflicts++)
        {
            var secret = await cluster.ReadSecretAsync(rotation.Spec.CaSecret, cancellationToken);
            var target = content.For(phase, secret.Data);
            var checksum = SecretChecksum.Compute(target);
            switch (content.Compare(secret.Data, previous, phase))
            {
                case SecretFit.Applied:
                    step.Write = step.Write is { } intent && intent.TargetChecksum == checksum
                        ? intent with { Done = true, DoneAt = intent.DoneAt ?? context.Time.GetUtcNow(), ResourceVersion = intent.ResourceVersion ?? secret.ResourceVersion }
                        : new SecretWrite
                        {
                            TargetChecksum = checksum,
                            Baseline = rotation.LastSettled(step),
                            IntendedAt = context.Time.GetUtcNow(),
                            Done = true,
                            DoneAt = context.Time.GetUtcNow(),
                            ResourceVersion = secret.ResourceVersion,
                        };
                    step.Detail ??= step.Write.WrittenByThisStep
                        ? "written"
                        : "the Secret already held this content; not written again";
                    LogAlreadyApplied(logger, region, rotation.Spec.CaSecret, step.Name);
                    return;
                case SecretFit.Changed:
                    throw new StepFailedException(
                        $"{region}: Secret {secret.Namespace}/{secret.Name} was changed by someone else and no longer fits step {step.Name}: "
                        + content.DescribeChange(secret.Data, previous, phase)
                        + ". It was not overwritten; put it back as it was, or abort the rotation");
            }

            // Record what is about to be written, and the region as it is, before writing it.
            var baseline = RolloutJudge.Baseline(await cluster.SnapshotAsync(rotation.Spec.CaSecret, cancellationToken));
            step.Write = new SecretWrite { TargetChecksum = checksum, Baseline = baseline, IntendedAt = context.Time.GetUtcNow() };
            await context.Store.SaveAsync(rotation, [], cancellationToken);

            var outcome = await cluster.ReplaceSecretDataAsync(secret, target, cancellationToken);
            if (outcome.Written)
            {
                step.Write = step.Write with { Done = true, DoneAt = context.Time.GetUtcNow(), WrittenByThisStep = true, ResourceVersion = outcome.ResourceVersion };
                step.Detail = $"wrote {Describe(phase, rotation.Spec.ExtraCaKey)}";
                LogWritten(logger, region, rotation.Spec.CaSecret, step.Name, outcome.ResourceVersion);
                return;
            }

            LogConflict(logger, region, rotation.Spec.CaSecret);
        }

        throw new StepFailedException($"{region}: Secret {rotation.Spec.CaSecret} changed {MaximumConflicts} times while this step tried to update it; find what keeps changing it, then resume");
    }

    private static string Describe(Workflows.PhaseDefinition? phase, string extraKey) =>
        $"ca.crt/ca.key = {(phase?.Main ?? Workflows.CaSource.Old).ToString().ToLowerInvariant()} CA"
        + (phase?.Extra is { } extra ? $", {extraKey} = {extra.ToString().ToLowerInvariant()} CA" : $", no {extraKey}");

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "{Region}: Secret {Secret} updated for {Phase} (resourceVersion {ResourceVersion})")]
    private static partial void LogWritten(ILogger logger, string region, string secret, string phase, string? resourceVersion);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "{Region}: Secret {Secret} already holds the content of {Phase}; not written again")]
    private static partial void LogAlreadyApplied(ILogger logger, string region, string secret, string phase);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "{Region}: Secret {Secret} changed between read and write (409 Conflict); reading it again")]
    private static partial void LogConflict(ILogger logger, string region, string secret);
}
