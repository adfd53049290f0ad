using Orchestrator.Core.Verification;

namespace Orchestrator.Core.Tests.Verification;

public sealed class CaExpiryTests
{
    [Theory]
    [InlineData("30d", 30 * 24 * 60)]
    [InlineData("720h", 720 * 60)]
    [InlineData("1d12h", 36 * 60)]
    [InlineData("1.5d", 36 * 60)]
    [InlineData("90m", 90)]
    [InlineData(" 2d ", 2 * 24 * 60)]
    public void TryParseWindow_DaysAndGoDurations_AreRead(string text, int minutes)
    {
        Assert.True(CaExpiry.TryParseWindow(text, out var window));
        Assert.Equal(TimeSpan.FromMinutes(minutes), window);
    }

    [Theory]
    [InlineData("")]
    [InlineData("d")]
    [InlineData("30")]
    [InlineData("0d")]
    [InlineData("-1d")]
    [InlineData("30days")]
    [InlineData("1w")]
    public void TryParseWindow_AnythingElse_IsRefused(string text) =>
        Assert.False(CaExpiry.TryParseWindow(text, out _));

    [Theory]
    [InlineData(30 * 24, "30d")]
    [InlineData(36, "36h")]
    [InlineData(1.5, "1h30m")]
    public void Describe_WholeDaysAsDays_ElseAsAGoDuration(double hours, string expected) =>
        Assert.Equal(expected, CaExpiry.Describe(TimeSpan.FromHours(hours)));
}
