using Orchestrator.Core.Cluster;

namespace Orchestrator.Core.Tests.Cluster;

public sealed class RetryDeadlineTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Until_NestedLater_KeepsTheEarlierEndAndRestoresEachOnDispose()
    {
        Assert.Null(RetryDeadline.Current);
        using (RetryDeadline.Until(Noon))
        {
            using (RetryDeadline.Until(Noon.AddMinutes(5)))
            {
                Assert.Equal(Noon, RetryDeadline.Current);
            }

            using (RetryDeadline.Until(Noon.AddMinutes(-5)))
            {
                Assert.Equal(Noon.AddMinutes(-5), RetryDeadline.Current);
            }

            Assert.Equal(Noon, RetryDeadline.Current);
        }

        Assert.Null(RetryDeadline.Current);
    }

    [Fact]
    public async Task Until_FlowsIntoTheAsyncCallsMadeWithinIt()
    {
        static async Task<DateTimeOffset?> SeenInsideAsync()
        {
            await Task.Yield();
            return RetryDeadline.Current;
        }

        using (RetryDeadline.Until(Noon))
        {
            Assert.Equal(Noon, await Task.Run(SeenInsideAsync, TestContext.Current.CancellationToken));
        }

        Assert.Null(await Task.Run(SeenInsideAsync, TestContext.Current.CancellationToken));
    }
}
