using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using Orchestrator.Core.Rotations;
using Orchestrator.Core.Tests.Support;

namespace Orchestrator.Core.Tests.Rotations;

public sealed class RotationIdTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 1, 45, 12, TimeSpan.Zero);

    [Fact]
    public void New_SaysWhenAndEndsInFourHexDigits()
    {
        var id = RotationId.New(new FakeTimeProvider(Start));

        Assert.Matches(new Regex(@"\Arot-20261130-014512-[0-9a-f]{4}\z"), id.ToString());
        Assert.Equal(id, RotationId.Parse(id.ToString()));
    }

    [Fact]
    public void New_LaterTimes_SortLaterAsText()
    {
        var time = new FakeTimeProvider(Start);
        var ids = new List<string>();
        foreach (var step in new[] { TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(59), TimeSpan.FromHours(23), TimeSpan.FromDays(40), TimeSpan.FromDays(400) })
        {
            time.Advance(step);
            ids.Add(RotationId.New(time).ToString());
        }

        Assert.Equal(ids, ids.Order(StringComparer.Ordinal));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Theory]
    [InlineData("a")]
    [InlineData("rot-20261130-014512-7f3a")]
    [InlineData("Rot_1.2-x")]
    [InlineData("_leading-underscore")]
    [InlineData("-leading-dash")]
    [InlineData("trailing.")]
    public void TryParse_ObeysTheRule_GivesTheSameText(string text)
    {
        Assert.True(RotationId.TryParse(text, out var id));
        Assert.Equal(text, id.ToString());
        Assert.Equal(id, RotationId.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData(".hidden")]
    [InlineData("..")]
    [InlineData("../x")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a b")]
    [InlineData("rot-1\n")]
    [InlineData("rot@host")]
    [InlineData("rotätion")]
    [InlineData("rot-1\0")]
    public void TryParse_BreaksTheRule_Refused(string text)
    {
        Assert.False(RotationId.TryParse(text, out var id));
        Assert.Null(id);
        var error = Assert.Throws<FormatException>(() => RotationId.Parse(text));
        Assert.Contains(RotationId.Rule, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_Length_AtMost200()
    {
        Assert.True(RotationId.TryParse(new string('a', RotationId.MaximumLength), out _));
        Assert.False(RotationId.TryParse(new string('a', RotationId.MaximumLength + 1), out _));
        Assert.Equal(200, RotationId.MaximumLength);
    }

    [Fact]
    public void Ids_SameText_EqualAndCaseCounts()
    {
        Assert.Equal(RotationId.Parse("rot-a"), RotationId.Parse("rot-a"));
        Assert.True(RotationId.Parse("rot-a") == RotationId.Parse("rot-a"));
        Assert.NotEqual(RotationId.Parse("rot-a"), RotationId.Parse("ROT-A"));
    }

    [Fact]
    public void Default_IsNoId_Refused()
    {
        RotationId? none = default;

        Assert.False(RotationId.TryParse(null, out _));
        Assert.Throws<ArgumentNullException>(() => RotationId.Parse(null!));
        Assert.Throws<ArgumentNullException>(() => Rotation.Create(none!, Samples.Spec("region1"), Samples.Workflow, Samples.OldCa, null, new Dictionary<string, RolloutBaseline>(), Start));
    }
}
