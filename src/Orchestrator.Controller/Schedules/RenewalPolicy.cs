using System.Globalization;
using Orchestrator.Core.Specs;

namespace Orchestrator.Controller.Schedules;

/// <summary>How early before a CA's end its rotation is due: a fixed time, or a share of the CA's lifetime.</summary>
internal sealed record RenewalPolicy
{
    /// <summary>Without either field, a rotation starts 30 days ahead: time for a person to see a failed one and mend it.</summary>
    public static readonly RenewalPolicy Default = Before(TimeSpan.FromHours(720));

    private RenewalPolicy(TimeSpan? ahead, int? percentage)
    {
        Ahead = ahead;
        Percentage = percentage;
    }

    public TimeSpan? Ahead { get; }

    public int? Percentage { get; }

    public static RenewalPolicy Before(TimeSpan ahead) => new(ahead, null);

    public static RenewalPolicy BeforePercentage(int percentage) => new(null, percentage);

    /// <summary>When a CA valid from <paramref name="notBefore"/> to <paramref name="notAfter"/> is due for rotation.</summary>
    public DateTimeOffset DueAt(DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        if (Ahead is { } ahead)
        {
            return notAfter - ahead;
        }

        var lifetime = notAfter - notBefore;
        return notAfter - TimeSpan.FromTicks(lifetime.Ticks / 100 * Percentage!.Value);
    }

    /// <summary>"720h" or "20% of its lifetime", for messages.</summary>
    public override string ToString() => Ahead is { } ahead
        ? GoDuration.Format(ahead)
        : string.Create(CultureInfo.InvariantCulture, $"{Percentage}% of its lifetime");
}
