using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Orchestrator.Core.Cluster;
using Orchestrator.Core.Specs;
using Orchestrator.Kubernetes.Diagnostics;

namespace Orchestrator.Kubernetes.Resilience;

/// <summary>
/// Says on the log, as a warning, that a region's calls are being retried and until when (<see cref="RetryDeadline"/>):
/// once per kind of failure and deadline, at its first failure. Without it a region that does not answer meant a
/// minute of silence before the refusal; with a line per attempt, a refusal's one line became dozens and a rotation's
/// retried watches filled the screen. Every attempt is still logged, at Information (<c>--verbose</c>).
/// </summary>
internal sealed class RetryNotices(string region, TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<(DateTimeOffset? Until, string Failure), bool> _announced = new();

    public void Announce(ILogger logger, string? operation, string failure)
    {
        var now = timeProvider.GetUtcNow();

        // A deadline already past was declared by work that is over (a step that started a background task, say).
        var until = RetryDeadline.Current is { } end && end > now ? end : (DateTimeOffset?)null;
        if (_announced.TryAdd((until, failure), true))
        {
            Log.RetryingUntil(logger, region, operation, failure, Describe(until, now));
        }
    }

    internal static string Describe(DateTimeOffset? until, DateTimeOffset now) => until is { } end
        ? string.Create(CultureInfo.InvariantCulture, $"until {end.UtcDateTime:HH:mm:ss} UTC ({GoDuration.Format(TimeSpan.FromSeconds(Math.Round((end - now).TotalSeconds)))} from now)")
        : "for as long as the command waits for it";
}
