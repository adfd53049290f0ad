using Orchestrator.Controller.Schedules;

namespace Orchestrator.Controller.Tests.Schedules;

/// <summary>newCa.alias of a schedule: date placeholders expanded with the creation time in UTC, into a usable alias.</summary>
public sealed class AliasPatternTests
{
    private static readonly DateTimeOffset Created = new(2026, 3, 4, 5, 6, 7, TimeSpan.FromHours(2));

    [Theory]
    [InlineData("ca-{yyyyMMdd}", "ca-20260304")]
    [InlineData("ca-{yyyyMMddHHmm}", "ca-202603040306")]
    [InlineData("{yy}.{MM}.{dd}-ca", "26.03.04-ca")]
    [InlineData("ca_{yyyy}_{HHmmss}", "ca_2026_030607")]
    public void Expand_Placeholders_AreTheUtcCreationTime(string pattern, string expected)
    {
        var (parsed, problem) = AliasPattern.Parse(pattern);

        Assert.Null(problem);
        Assert.Equal(expected, parsed!.Expand(Created));
    }

    [Theory]
    [InlineData("ca2", "has no date placeholder")]
    [InlineData("ca-{yyyy-MM}", "'{yyyy-MM}' is not a date placeholder")]
    [InlineData("ca-{d}", "'{d}' is not a date placeholder")]
    [InlineData("ca-{MMMM}", "'{MMMM}' is not a date placeholder")]
    [InlineData("ca-{yyyyyy}", "'{yyyyyy}' is not a date placeholder")]
    [InlineData("ca-{yyyyMMdd", "unmatched brace")]
    [InlineData("ca-}{yyyyMMdd}", "unmatched brace")]
    [InlineData("ca {yyyyMMdd}", "is not a usable alias")]
    [InlineData("ca-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa{yyyyMMdd}", "is not a usable alias")]
    public void Parse_Unusable_SaysWhy(string pattern, string expected)
    {
        var (parsed, problem) = AliasPattern.Parse(pattern);

        Assert.Null(parsed);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }
}
