namespace Orchestrator.Core.Gates;

/// <summary>A region's maintenance windows together: none means any time.</summary>
public sealed class WindowSchedule(IReadOnlyList<MaintenanceWindow> windows)
{
    public IReadOnlyList<MaintenanceWindow> Windows { get; } = windows;

    public bool AnyTime => Windows.Count == 0;

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
