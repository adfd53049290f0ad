using Orchestrator.Core.Steps;


namespace Orchestrator.Core.Tests.Steps;

public sealed class WaitRolloutPauseTests
{
    [Fact]
    public void PauseAfter_CheapJudgement_LeavesNoPauseWorthWaiting()
    {
        // A region of a few pods is judged in microseconds: the next snapshot is taken at once.
        Assert.True(WaitRolloutExecutor.PauseAfter(TimeSpan.FromMicroseconds(5)) < TimeSpan.FromMilliseconds(1));
        Assert.Equal(TimeSpan.Zero, WaitRolloutExecutor.PauseAfter(TimeSpan.Zero));
    }

    [Fact]
    public void PauseAfter_CostlyJudgement_KeepsJudgingNearOnePercentOfTheTime()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(100), WaitRolloutExecutor.PauseAfter(TimeSpan.FromMilliseconds(1)));
    }

    [Fact]
    public void PauseAfter_VeryCostlyJudgement_NeverWaitsMoreThanAQuarterSecond()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(250), WaitRolloutExecutor.PauseAfter(TimeSpan.FromMilliseconds(40)));
    }
}
