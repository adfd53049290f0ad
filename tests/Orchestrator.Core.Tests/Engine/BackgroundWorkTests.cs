using Orchestrator.Core.Engine;


namespace Orchestrator.Core.Tests.Engine;

public sealed class BackgroundWorkTests
{
    [Fact]
    public async Task DrainAsync_WorkStillRunning_EndsOnlyWhenItEnds()
    {
        var work = new BackgroundWork();
        var closing = new TaskCompletionSource();
        work.Add(Task.CompletedTask);
        work.Add(closing.Task);

        var drained = work.DrainAsync();
        Assert.False(drained.IsCompleted);
        closing.SetResult();

        await drained.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task DrainAsync_NothingAdded_EndsAtOnce()
    {
        await new BackgroundWork().DrainAsync().WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }
}
