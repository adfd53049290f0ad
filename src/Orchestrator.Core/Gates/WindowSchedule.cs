using Orchestrator.Core.Specs;

namespace Orchestrator.Core.Gates;

/// <summary>A region's maintenance windows together: none means any time.</summary>
public sealed class WindowSchedule(IReadOnlyList<MaintenanceWindow> windows)
{
    public IReadOnlyList<MaintenanceWindow> Windows { get; } = windows;

    public bool AnyTime => Windows.Count == 0;

    /// <summary>A region's windows: its own when it has any, else the rotation's.</summary>
    public static WindowSchedule Of(RotationSpec spec, string region)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new WindowSchedule(spec.Regions.Single(candidate => candidate.Name == region).MaintenanceWindows ?? spec.MaintenanceWindows);
    }

    /// <summary><paramref name="now"/> when a window is open, else when the first one opens next; null when none ever does.</summary>
    public DateTimeOffset? OpenFrom(DateTimeOffset now)
    {
        if (AnyTime || Windows.Any(window => window.IsOpenAt(now)))
        {
            return now;
        }

        return Windows.Select(window => window.NextOpeningAfter(now)).Where(opening => opening is not null).Min();
    }

    public string Describe() => string.Join(", ", Windows.Select(window => window.Describe()));
}
