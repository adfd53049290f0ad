using System.Globalization;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Orchestrator.Controller.Resources;
using Orchestrator.Controller.Serving;
using Orchestrator.Core.Rotations;

namespace Orchestrator.Controller.Schedules;

/// <summary>
/// One look at a schedule: its regions' CAs, its CaRotations (read from the cluster each time, so a restart or a new
/// leader decides the same), and what follows: at most one CaRotation created when the CA is due, old ones deleted,
/// Events, and the status.
/// </summary>
internal sealed partial class ScheduleReconciler(ScheduleContext context, ILogger logger)
{
    /// <summary>The fingerprints of the CAs already reported as expiring soon or expired: each is said once per term.</summary>
    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);

    public async Task ReportInvalidAsync(CaRotationSchedule schedule, IReadOnlyList<string> problems, CancellationToken cancellationToken)
    {
        var message = string.Join("; ", problems);
        await context.Events.RecordAsync(schedule, EventRecorder.Warning, "InvalidSpec", message, cancellationToken);
        var now = context.Time.GetUtcNow();
        await WriteStatusAsync(schedule, new CaRotationScheduleStatus(
            ObservedGeneration: schedule.Metadata.Generation,
            CurrentRotation: schedule.Status?.CurrentRotation,
            LastRotation: schedule.Status?.LastRotation,
            LastResult: schedule.Status?.LastResult,
            Conditions: ScheduleConditions.Merge(schedule.Status?.Conditions, schedule.Metadata.Generation, now, (ScheduleConditions.Ready, false, "InvalidSpec", message)),
            Message: message), cancellationToken);
    }

    /// <returns>When the next rotation falls due, if nothing but time stands before it; otherwise null.</returns>
    public async Task<DateTimeOffset?> ReconcileAsync(CaRotationSchedule schedule, ScheduleSettings settings, IReadOnlyList<RegionCaReading> readings, CancellationToken cancellationToken)
    {
        var name = schedule.Metadata.Name;
        var (listed, _) = await context.Api.Rotations.ListAsync(ScheduleApi.OwnedSelector(name), cancellationToken);
        var owned = listed
            .Where(rotation => schedule.Metadata.Uid is not { } uid || rotation.Metadata.OwnerReferences?.Any(owner => owner.Uid == uid) == true)
            .OrderByDescending(rotation => rotation.Metadata.CreationTimestamp)
            .ThenByDescending(rotation => rotation.Metadata.Name, StringComparer.Ordinal)
            .ToList();
        var unfinished = owned.FirstOrDefault(rotation => !IsFinished(rotation));
        var finished = owned.Where(IsFinished).ToList();
        var last = finished.FirstOrDefault();
        await DeleteHistoryAsync(finished.Skip(settings.HistoryLimit), cancellationToken);

        var now = context.Time.GetUtcNow();
        var outcome = await DecideAsync(schedule, settings, readings, unfinished, last, now, cancellationToken);
        var status = new CaRotationScheduleStatus(
            ObservedGeneration: schedule.Metadata.Generation,
            Regions: [.. readings.Select(reading => reading.ToStatus())],
            NextRenewalTime: outcome.Due is { } due ? RegionCaReading.Timestamp(due.DueAt) : null,
            CurrentRotation: outcome.Current ?? unfinished?.Metadata.Name,
            LastRotation: last?.Metadata.Name,
            LastResult: last?.Status?.State,
            Conditions: ScheduleConditions.Merge(schedule.Status?.Conditions, schedule.Metadata.Generation, now, outcome.Conditions),
            Message: outcome.Message);
        await WriteStatusAsync(schedule, status, cancellationToken);
        return outcome.WakeAt;
    }

    private async Task<Outcome> DecideAsync(
        CaRotationSchedule schedule,
        ScheduleSettings settings,
        IReadOnlyList<RegionCaReading> readings,
        CaRotation? unfinished,
        CaRotation? last,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var regions = settings.Template.Regions;
        if (readings.Count < regions.Count)
        {
            var unread = regions.Select(region => region.Name).Except(readings.Select(reading => reading.Region)).ToList();
            return Outcome.Unknown("ReadingCaSecrets", $"reading the CA Secret of {string.Join(", ", unread)}");
        }

        if (RenewalDue.Of(readings, settings.Renewal) is not { } due)
        {
            return Outcome.Unknown("CaUnknown", string.Join("; ", readings.Where(reading => reading.Problem is not null).Select(reading => $"{reading.Region}: {reading.Problem}")));
        }

        var end = RegionCaReading.Timestamp(due.NotAfter);
        var fingerprint = readings.First(reading => reading.Region == due.Region).Ca!.Sha256Fingerprint;
        if (due.IsExpired(now))
        {
            var message = $"ca.crt ({due.Subject}) of region {due.Region} expired at {end}: peers already refuse it, so no rotation is started automatically; "
                + "restore trust by hand, then run a CaRotation yourself (README: \"When the CA has expired\")";
            if (_warned.Add("expired " + fingerprint))
            {
                await context.Events.RecordAsync(schedule, EventRecorder.Warning, "CaExpired", message, cancellationToken);
            }

            return new Outcome(
                due,
                null,
                null,
                message,
                [(ScheduleConditions.Ready, false, "CaExpired", message), (ScheduleConditions.Due, false, "CaExpired", message), (ScheduleConditions.Expired, true, "CaExpired", message)]);
        }

        if (!due.IsDue(now))
        {
            var waiting = $"ca.crt ({due.Subject}) ends at {end}; its rotation is due at {RegionCaReading.Timestamp(due.DueAt)} ({settings.Renewal} before)";
            return new Outcome(due, due.DueAt, null, waiting, Healthy((ScheduleConditions.Due, false, "NotDue", waiting)));
        }

        var expiring = $"ca.crt ({due.Subject}) of region {due.Region} expires at {end}, within {settings.Renewal}";
        if (_warned.Add("expiring " + fingerprint))
        {
            await context.Events.RecordAsync(schedule, EventRecorder.Warning, "CaExpiringSoon", $"{expiring}; a rotation is due", cancellationToken);
        }

        if (unfinished is not null)
        {
            var state = unfinished.Status?.State ?? nameof(RotationState.Pending);
            var running = state == nameof(RotationState.Failed)
                ? $"{expiring}; CaRotation {unfinished.Metadata.Name} failed ({unfinished.Status?.Message}): mend and retry it, or delete it to let the schedule start another"
                : $"{expiring}; CaRotation {unfinished.Metadata.Name} is {state}";
            var reason = state == nameof(RotationState.Failed) ? "RotationFailed" : "RotationRunning";
            return new Outcome(due, null, null, running, [(ScheduleConditions.Ready, state != nameof(RotationState.Failed), reason, running), (ScheduleConditions.Due, true, reason, running), (ScheduleConditions.Expired, false, "NotExpired", running)]);
        }

        if (last?.Status?.State == nameof(RotationState.RolledBack))
        {
            // Someone aborted it (or asked for it by deletion): starting another on one's own would undo their decision.
            var held = $"{expiring}; the last CaRotation {last.Metadata.Name} was rolled back, so the schedule waits: delete it to let the schedule start another";
            return new Outcome(due, null, null, held, [(ScheduleConditions.Ready, false, "LastRotationRolledBack", held), (ScheduleConditions.Due, true, "LastRotationRolledBack", held), (ScheduleConditions.Expired, false, "NotExpired", held)]);
        }

        var rotation = NewRotation(schedule, settings, due, now);
        var alias = rotation.Spec.NewCa.Alias;
        if (await context.Api.CreateRotationAsync(rotation, cancellationToken))
        {
            LogScheduled(logger, schedule.Metadata.Name, rotation.Metadata.Name, alias ?? string.Empty);
            await context.Events.RecordAsync(schedule, EventRecorder.Normal, "RotationScheduled", $"created CaRotation {rotation.Metadata.Name} (new CA O={alias}): {expiring}", cancellationToken);
        }

        // One that already existed (created before a restart or failover) is this same rotation.
        var started = $"{expiring}; CaRotation {rotation.Metadata.Name} rotates it";
        return new Outcome(due, null, rotation.Metadata.Name, started, Healthy((ScheduleConditions.Due, true, "RotationScheduled", started)));
    }

    /// <summary>
    /// The CaRotation for a due time: named after it, so that a second look at the same CA (a restart, a failover, a
    /// stale read) finds the name taken rather than starting another.
    /// </summary>
    private static CaRotation NewRotation(CaRotationSchedule schedule, ScheduleSettings settings, RenewalDue due, DateTimeOffset now)
    {
        var metadata = schedule.Metadata;
        return new CaRotation
        {
            Metadata = new V1ObjectMeta
            {
                Name = $"{metadata.Name}-{due.DueAt.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture)}",
                NamespaceProperty = metadata.NamespaceProperty,
                Labels = new Dictionary<string, string> { [CaRotationScheduleDefinition.ScheduleLabel] = metadata.Name },
                OwnerReferences =
                [
                    new V1OwnerReference
                    {
                        ApiVersion = CaRotationDefinition.ApiVersion,
                        Kind = CaRotationScheduleDefinition.Kind,
                        Name = metadata.Name,
                        Uid = metadata.Uid,
                        Controller = true,
                    },
                ],
            },
            Spec = settings.SpecAt(now),
        };
    }

    private async Task DeleteHistoryAsync(IEnumerable<CaRotation> beyondLimit, CancellationToken cancellationToken)
    {
        foreach (var old in beyondLimit.Where(rotation => rotation.Metadata.DeletionTimestamp is null))
        {
            LogDeletingOld(logger, old.Metadata.Name);
            await context.Api.DeleteRotationAsync(old.Metadata.Name, cancellationToken);
        }
    }

    private async Task WriteStatusAsync(CaRotationSchedule schedule, CaRotationScheduleStatus status, CancellationToken cancellationToken)
    {
        if (status != schedule.Status)
        {
            await context.Api.PatchStatusAsync(schedule.Metadata.Name, status, cancellationToken);
        }
    }

    private static bool IsFinished(CaRotation rotation) =>
        rotation.Status?.State is nameof(RotationState.Succeeded) or nameof(RotationState.RolledBack);

    private static (string, bool?, string, string)[] Healthy((string, bool?, string, string) due) =>
        [(ScheduleConditions.Ready, true, "Watching", due.Item4), due, (ScheduleConditions.Expired, false, "NotExpired", due.Item4)];

    [LoggerMessage(EventId = 3320, Level = LogLevel.Information, Message = "CaRotationSchedule {Schedule}: created CaRotation {Rotation} (new CA O={Alias})")]
    private static partial void LogScheduled(ILogger logger, string schedule, string rotation, string alias);

    [LoggerMessage(EventId = 3321, Level = LogLevel.Information, Message = "deleting CaRotation {Rotation}: beyond its schedule's history limit")]
    private static partial void LogDeletingOld(ILogger logger, string rotation);

    /// <param name="Current">The CaRotation this look created or found by its name.</param>
    private sealed record Outcome(RenewalDue? Due, DateTimeOffset? WakeAt, string? Current, string Message, (string Type, bool? Status, string Reason, string Message)[] Conditions)
    {
        public static Outcome Unknown(string reason, string message) =>
            new(null, null, null, message, [(ScheduleConditions.Ready, false, reason, message), (ScheduleConditions.Due, null, reason, message), (ScheduleConditions.Expired, null, reason, message)]);
    }
}
