using Orchestrator.Cli.Hosting;

namespace Orchestrator.Cli.Tests.Running;

public sealed class SocketCompletionsTests
{
    [Fact]
    public void Choose_NothingSet_RunsInline() => Assert.Equal("1", SocketCompletions.Choose(null));

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    public void Choose_UserSetAValue_KeepsIt(string value) => Assert.Equal(value, SocketCompletions.Choose(value));
}
