using Orchestrator.Controller.Resources;

namespace Orchestrator.Controller.Schedules;

/// <summary>A schedule's spec, read and checked: what each of its CaRotations is, when one is due, how many are kept.</summary>
internal sealed record ScheduleSettings(CaRotationSpec Template, AliasPattern Alias, RenewalPolicy Renewal, int HistoryLimit)
{
    public const int DefaultHistoryLimit = 3;
    public const int MaximumHistoryLimit = 100;

    /// <summary>The spec of a CaRotation created at <paramref name="created"/>: the template, its alias expanded.</summary>
    public CaRotationSpec SpecAt(DateTimeOffset created) =>
        Template with { NewCa = Template.NewCa with { Alias = Alias.Expand(created) } };
}
