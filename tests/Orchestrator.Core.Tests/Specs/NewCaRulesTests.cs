using Orchestrator.Core.Specs;

namespace Orchestrator.Core.Tests.Specs;

public sealed class NewCaRulesTests
{
    [Theory]
    [InlineData("ca2")]
    [InlineData("Ca-2026.v1_b")]
    public void AliasProblem_PlainAlias_None(string alias) => Assert.Null(NewCaRules.AliasProblem(alias));

    [Theory]
    [InlineData("")]
    [InlineData("ca 2")]
    [InlineData("-ca2")]
    [InlineData("O=ca2,CN=x")]
    [InlineData("ca2\n")]
    public void AliasProblem_UnusableAlias_SaysWhatToUse(string alias) =>
        Assert.Contains("is not a usable alias; use letters, digits", NewCaRules.AliasProblem(alias), StringComparison.Ordinal);

    [Theory]
    [InlineData(2048, null)]
    [InlineData(3072, null)]
    [InlineData(16384, null)]
    [InlineData(1024, "1024 is below 2048")]
    [InlineData(2050, "2050 is not a whole number of bytes")]
    [InlineData(16392, "16392 is above 16384")]
    public void KeySizeProblem_Bounds(int keySize, string? expected)
    {
        var problem = NewCaRules.KeySizeProblem(keySize);

        if (expected is null)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.StartsWith(expected, problem, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(36500, true)]
    [InlineData(0, false)]
    [InlineData(36501, false)]
    public void ValidityProblem_Bounds(int days, bool usable) => Assert.Equal(usable, NewCaRules.ValidityProblem(days) is null);
}
