using Microsoft.Extensions.Time.Testing;
using Orchestrator.Kubernetes.Resilience;

namespace Orchestrator.Kubernetes.Tests.Resilience;

public sealed class RetryAfterHeaderTests
{
    private static readonly DateTimeOffset Now = new(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Theory]
    [InlineData("1", 1)]
    [InlineData(" 120 ", 120)]
    [InlineData("0", 0)]
    public void Parse_DeltaSeconds_ThatLong(string value, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetryAfterHeader.Parse(value, Now));

    [Fact]
    public void Parse_HttpDate_TheTimeUntilThen()
    {
        var time = new FakeTimeProvider(Now);

        Assert.Equal(TimeSpan.FromSeconds(30), RetryAfterHeader.Parse("Wed, 02 Jan 2030 03:04:35 GMT", time.GetUtcNow()));
    }

    [Fact]
    public void Parse_HttpDateInThePast_NoWait() =>
        Assert.Equal(TimeSpan.Zero, RetryAfterHeader.Parse("Wed, 02 Jan 2030 03:00:00 GMT", Now));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-5")]
    public void Parse_Unusable_Null(string? value) => Assert.Null(RetryAfterHeader.Parse(value, Now));

    [Fact]
    public void Parse_Absurdly_Large_CappedAtADay() =>
        Assert.Equal(TimeSpan.FromDays(1), RetryAfterHeader.Parse("99999999999", Now));
}
