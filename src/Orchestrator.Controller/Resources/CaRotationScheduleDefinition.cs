namespace Orchestrator.Controller.Resources;

/// <summary>The names under which the API server serves CaRotationSchedules (samples/deploy/crd-carotationschedule.yaml).</summary>
public static class CaRotationScheduleDefinition
{
    public const string Kind = "CaRotationSchedule";
    public const string Plural = "carotationschedules";
    public const string ShortName = "carotsched";

    /// <summary>The label on every CaRotation a schedule creates; its value is the schedule's name.</summary>
    public const string ScheduleLabel = CaRotationDefinition.Group + "/schedule";
}
