using Orchestrator.Kubernetes.Resilience;

namespace Orchestrator.Kubernetes.Tests.Resilience;

public sealed class RetryBackoffTests
{
    private static readonly TimeSpan First = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(0, 100, 200)]
    [InlineData(1, 200, 400)]
    [InlineData(3, 800, 1600)]
    public void Delay_DoublesEachAttempt_HalfOfItRandom(int attempt, int lowestMs, int highestMs)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(lowestMs), new RetryBackoff(First, Cap, () => 0).Delay(attempt));
        Assert.Equal(TimeSpan.FromMilliseconds(highestMs), new RetryBackoff(First, Cap, () => 1).Delay(attempt));
    }

    [Theory]
    [InlineData(6)]
    [InlineData(1_000)]
    [InlineData(int.MaxValue)]
    public void Delay_ManyAttempts_NeverPastTheCapAndNeverNegative(int attempt)
    {
        Assert.Equal(Cap, new RetryBackoff(First, Cap, () => 1).Delay(attempt));
        Assert.Equal(Cap / 2, new RetryBackoff(First, Cap, () => 0).Delay(attempt));
    }
}
