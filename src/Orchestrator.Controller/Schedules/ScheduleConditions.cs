using Orchestrator.Controller.Resources;

namespace Orchestrator.Controller.Schedules;

/// <summary>The schedule's conditions: Ready (it can do its job), Due (a rotation is due now) and Expired (too late for one).</summary>
internal static class ScheduleConditions
{
    public const string Ready = "Ready";
    public const string Due = "Due";
    public const string Expired = "Expired";

    /// <summary>
    /// The conditions as metav1 keeps them: a condition whose status is unchanged keeps the time it last changed, so that
    /// the status written again is the same and not a new write.
    /// </summary>
    public static IReadOnlyList<ConditionStatus> Merge(
        IReadOnlyList<ConditionStatus>? previous,
        long? generation,
        DateTimeOffset now,
        params (string Type, bool? Status, string Reason, string Message)[] conditions) =>
        [
            .. conditions.Select(condition =>
            {
                var status = condition.Status switch { true => "True", false => "False", null => "Unknown" };
                var since = previous?.FirstOrDefault(old => old.Type == condition.Type && old.Status == status)?.LastTransitionTime
                    ?? RegionCaReading.Timestamp(now);
                return new ConditionStatus(condition.Type, status, generation, since, condition.Reason, condition.Message);
            }),
        ];
}
