namespace Orchestrator.Kubernetes.Resilience;

/// <summary>
/// Exponential backoff with "equal jitter" (half the wait fixed, half random), capped: attempts of many clients spread
/// out, and no attempt waits longer than the cap however long the outage lasts.
/// </summary>
internal sealed class RetryBackoff(TimeSpan first, TimeSpan cap, Func<double> random)
{
    public static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(200);

    public TimeSpan Delay(int attempt)
    {
        // Past 2^20 times the first delay every cap in use is reached; stopping there keeps the numbers finite.
        var ceiling = Math.Min(cap.TotalMilliseconds, first.TotalMilliseconds * Math.Pow(2, Math.Clamp(attempt, 0, 20)));
        return TimeSpan.FromMilliseconds((ceiling / 2) + (random() * ceiling / 2));
    }
}
