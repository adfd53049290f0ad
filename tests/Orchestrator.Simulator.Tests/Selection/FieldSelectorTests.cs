using Orchestrator.Simulator.Selection;

namespace Orchestrator.Simulator.Tests.Selection;

public sealed class FieldSelectorTests
{
    private static readonly Dictionary<string, string> SecretFields = new()
    {
        ["metadata.name"] = "example-cluster-manual-tls-ca",
        ["metadata.namespace"] = "anton",
        ["type"] = "Opaque",
    };

    private static string? Field(string path) => SecretFields.GetValueOrDefault(path);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Parse_NullOrEmpty_SelectsEverything(string? text)
    {
        var selector = FieldSelector.Parse(text);

        Assert.True(selector.IsEverything);
        Assert.Empty(selector.Fields);
        Assert.True(selector.Matches(Field));
    }

    [Theory]
    [InlineData("metadata.name=example-cluster-manual-tls-ca", true)]
    [InlineData("metadata.name==example-cluster-manual-tls-ca", true)]
    [InlineData("metadata.name!=example-cluster-manual-tls-ca", false)]
    [InlineData("metadata.name=other", false)]
    [InlineData("metadata.namespace=anton,type=Opaque", true)]
    [InlineData("metadata.namespace=anton,type!=Opaque", false)]
    [InlineData("spec.nodeName=", true)]
    [InlineData("spec.nodeName!=", false)]
    [InlineData("status.phase!=Running", true)]
    [InlineData(",type=Opaque,", true)]
    public void Matches_SelectorAgainstFields_GivesKubernetesAnswer(string text, bool expected)
    {
        Assert.Equal(expected, FieldSelector.Parse(text).Matches(Field));
    }

    [Fact]
    public void Fields_SeveralTerms_ListsEachFieldOnceSorted()
    {
        // fields.ParseSelector sorts the terms before parsing them.
        var selector = FieldSelector.Parse("type=Opaque,metadata.name=a,metadata.name!=b,spec.foo=c");

        Assert.Equal(["metadata.name", "spec.foo", "type"], selector.Fields);
    }

    [Fact]
    public void Parse_EscapedCommaEqualsAndBackslash_UnescapesValue()
    {
        var requirement = Assert.Single(FieldSelector.Parse(@"metadata.name=a\,b\=c\\d").Requirements);

        Assert.Equal("metadata.name", requirement.Field);
        Assert.Equal(@"a,b=c\d", requirement.Value);
        Assert.Equal(@"metadata.name=a\,b\=c\\d", requirement.ToString());
    }

    [Fact]
    public void Parse_NotEqualsBeforeEquals_SplitsAtFirstOperator()
    {
        var requirement = Assert.Single(FieldSelector.Parse("status.phase!=Running").Requirements);

        Assert.Equal(("status.phase", "Running", true), (requirement.Field, requirement.Value, requirement.Negated));
    }

    [Theory]
    [InlineData("metadata.name", "invalid selector: 'metadata.name'; can't understand 'metadata.name'")]
    [InlineData("type=Opaque,bogus", "invalid selector: 'type=Opaque,bogus'; can't understand 'bogus'")]
    [InlineData("metadata.name=a=b", "invalid field selector: unescaped character in value: '='")]
    [InlineData(@"metadata.name=a\x", @"invalid field selector: invalid escape sequence: \x")]
    [InlineData(@"metadata.name=a\", @"invalid field selector: invalid escape sequence: \")]
    public void Parse_InvalidSelector_ThrowsSelectorExceptionWithKubernetesMessage(string text, string expectedMessage)
    {
        var error = Assert.Throws<SelectorException>(() => FieldSelector.Parse(text));

        Assert.Equal(expectedMessage, error.Message);
    }
}
