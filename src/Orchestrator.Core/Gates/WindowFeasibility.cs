using Orchestrator.Core.Specs;

namespace Orchestrator.Core.Gates;

/// <summary>
/// Whether every region's windows open before the current CA expires: each region's first Secret write must begin in
/// one, and once the CA has expired the nodes no longer trust each other, so a later window is no window at all.
/// </summary>
public static class WindowFeasibility
{
    /// <summary>Why the windows cannot be met, one line per region; null when they can.</summary>
    public static string? Problem(RotationSpec spec, DateTimeOffset caNotAfter, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var problems = new List<string>();
        for (var index = 0; index < spec.Regions.Count; index++)
        {
            var region = spec.Regions[index];
            var schedule = WindowSchedule.Of(spec, region.Name);
            var field = region.MaintenanceWindows is null ? "maintenanceWindows" : $"regions[{index}].maintenanceWindows";
            var opens = schedule.OpenFrom(now);
            if (opens is null)
            {
                problems.Add($"{field}: {region.Name}'s windows never open ({schedule.Describe()}); give a cron that occurs");
            }
            else if (opens > caNotAfter)
            {
                problems.Add($"{field}: {region.Name}'s windows first open at {opens.Value.UtcDateTime:yyyy-MM-dd HH:mm}Z, after the current CA expires ({caNotAfter.UtcDateTime:yyyy-MM-dd HH:mm}Z); add a window that opens before then");
            }
        }

        return problems.Count == 0 ? null : string.Join(Environment.NewLine, problems);
    }
}
