using Microsoft.Extensions.Logging;
using Orchestrator.Core.Cassandra;
using Orchestrator.Core.Rotations;

namespace Orchestrator.Core.Steps;

/// <summary>
/// What a wait does when its region's CA Secret no longer holds the data its step wrote (someone edited it, or another
/// tool did): the operator rolls out whatever the Secret holds, so the acknowledgement of the step's data would never
/// come. A change to the CA entries stops the wait at once, naming them; a change to entries the rotation does not
/// manage is followed: the CA entries are still right, so the operator's rollout of the Secret as it is will do.
/// </summary>
internal static partial class SecretDrift
{
    /// <summary>
    /// Reads the Secret and returns the write to wait for: <paramref name="write"/>, or the same change with the checksum
    /// of the data the Secret now holds. <see cref="StepFailedException"/> when it was deleted or its CA entries changed.
    /// </summary>
    public static async Task<SecretWrite> CheckAsync(StepContext context, SecretWrite write, ILogger logger, CancellationToken cancellationToken)
    {
        var rotation = context.Rotation;
        var update = rotation.UpdateStepFor(context.Step);
        var region = update.Region!;
        var where = $"{region}: Secret {rotation.Region(region).Namespace}/{rotation.Spec.CaSecret}";
        var secret = await context.Clusters[region].FindSecretAsync(rotation.Spec.CaSecret, cancellationToken)
            ?? throw new StepFailedException(
                $"{where} was deleted while waiting for the rollout of step {update.Number} ({update.Label}); recreate it as that step wrote it, then resume, or abort the rotation");
        var checksum = SecretChecksum.Compute(secret.Data);
        if (checksum == write.TargetChecksum)
        {
            return write;
        }

        var content = new SecretContent(rotation.OldCa!, rotation.NewCa!, rotation.Spec.ExtraCaKey);
        var difference = content.DescribeDifference(secret.Data, rotation.TargetOf(update));
        if (difference.Length > 0)
        {
            throw new StepFailedException(
                $"{where} was changed while waiting for the rollout of step {update.Number} ({update.Label}): {difference}. "
                + $"The operator acts on what the Secret holds, so this rollout is not the one the rotation needs; the Secret was not overwritten: put it back as step {update.Number} wrote it and resume, or abort the rotation");
        }

        LogOtherEntriesChanged(logger, where, update.Number);
        var followed = write with { TargetChecksum = checksum };
        update.Write = followed;
        await context.Store.SaveAsync(rotation, [], cancellationToken);
        return followed;
    }

    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "{Secret}: entries the rotation does not manage were changed during the wait; its CA entries are still as step {Step} wrote them, so the wait now follows the operator's rollout of the Secret as it is")]
    private static partial void LogOtherEntriesChanged(ILogger logger, string secret, int step);
}
