using System.Globalization;
using k8s.Autorest;

namespace Orchestrator.Kubernetes.Resilience;

/// <summary>Reads the <c>Retry-After</c> header of a failed response: delta seconds or an HTTP date.</summary>
internal static class RetryAfterHeader
{
    public static TimeSpan? From(Exception failure, TimeProvider timeProvider)
    {
        if (failure is not HttpOperationException { Response.Headers: { } headers })
        {
            return null;
        }

        var value = headers
            .Where(header => string.Equals(header.Key, "Retry-After", StringComparison.OrdinalIgnoreCase))
            .SelectMany(header => header.Value)
            .FirstOrDefault();
        return Parse(value, timeProvider.GetUtcNow());
    }

    public static TimeSpan? Parse(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        value = value.Trim();
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(Math.Min(seconds, (long)TimeSpan.FromDays(1).TotalSeconds));
        }

        if (DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            var wait = date - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }
}
