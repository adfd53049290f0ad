using Orchestrator.Simulator.Selection;

namespace Orchestrator.Simulator.Tests.Selection;

public sealed class LabelSelectorTests
{
    private static readonly Dictionary<string, string> PodLabels = new()
    {
        ["app"] = "cassandra",
        ["cassandra-cluster-instance"] = "example-cluster",
        ["statefulset.kubernetes.io/pod-name"] = "example-cluster-cassandra-dc1-0",
        ["replicas"] = "3",
        ["empty"] = string.Empty,
    };

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  \t ")]
    public void Parse_NullEmptyOrBlank_SelectsEverything(string? text)
    {
        var selector = LabelSelector.Parse(text);

        Assert.True(selector.IsEverything);
        Assert.True(selector.Matches(null));
        Assert.True(selector.Matches(PodLabels));
    }

    [Theory]
    [InlineData("app=cassandra", true)]
    [InlineData("app==cassandra", true)]
    [InlineData("app=other", false)]
    [InlineData("app!=other", true)]
    [InlineData("app!=cassandra", false)]
    [InlineData("missing!=x", true)]
    [InlineData("app in (cassandra,other)", true)]
    [InlineData("app in (other)", false)]
    [InlineData("missing in (x)", false)]
    [InlineData("app notin (other)", true)]
    [InlineData("app notin (cassandra)", false)]
    [InlineData("missing notin (x)", true)]
    [InlineData("app", true)]
    [InlineData("missing", false)]
    [InlineData("!missing", true)]
    [InlineData("!app", false)]
    [InlineData("replicas>2", true)]
    [InlineData("replicas<3", false)]
    [InlineData("app>2", false)]
    [InlineData("empty=", true)]
    [InlineData("empty in ()", true)]
    [InlineData("statefulset.kubernetes.io/pod-name=example-cluster-cassandra-dc1-0", true)]
    [InlineData("app=cassandra,cassandra-cluster-instance=example-cluster", true)]
    [InlineData("app=cassandra,cassandra-cluster-instance=other", false)]
    [InlineData("  app = cassandra ,\tcassandra-cluster-instance  in  ( example-cluster , x )  ", true)]
    [InlineData("x in (foo,,baz),app,replicas notin ()", false)]
    public void Matches_SelectorAgainstPodLabels_GivesKubernetesAnswer(string text, bool expected)
    {
        Assert.Equal(expected, LabelSelector.Parse(text).Matches(PodLabels));
    }

    [Fact]
    public void Matches_NullLabels_OnlyNegativeRequirementsHold()
    {
        Assert.True(LabelSelector.Parse("!app,app!=x,app notin (x)").Matches(null));
        Assert.False(LabelSelector.Parse("app").Matches(null));
    }

    [Fact]
    public void Parse_KeywordsAsKeyAndValue_AreIdentifiers()
    {
        // "in" and "notin" are operators only where an operator is expected.
        var selector = LabelSelector.Parse("in in (notin)");

        Assert.True(selector.Matches(new Dictionary<string, string> { ["in"] = "notin" }));
    }

    [Fact]
    public void Parse_SetWithEmptyEntries_HoldsEmptyValueOnce()
    {
        // The example of labels.Parse's documentation.
        var requirement = Assert.Single(LabelSelector.Parse("x in (foo,,baz)").Requirements);

        Assert.Equal(LabelOperator.In, requirement.Operator);
        Assert.Equal(["", "baz", "foo"], requirement.Values);
    }

    [Fact]
    public void ToString_ParsedSelector_IsSortedByKeyLikeKubernetes()
    {
        Assert.Equal("a in (x,y),b!=c,!d", LabelSelector.Parse("b!=c, a in (y,x), !d").ToString());
    }

    [Theory]
    [InlineData("a b", "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt")]
    [InlineData("a,", "found '', expected: identifier after ','")]
    [InlineData(",a", "found ',', expected: !, identifier, or 'end of string'")]
    [InlineData("a=b c", "found 'c', expected: ',' or 'end of string'")]
    [InlineData("!a=b", "found '=', expected: ',' or 'end of string'")]
    [InlineData("!", "unable to parse requirement: found '', expected: identifier")]
    [InlineData("a in x", "unable to parse requirement: found 'x' expected: '('")]
    [InlineData("a in (x", "unable to parse requirement: found '', expected: ',' or ')'")]
    [InlineData("a in (x y)", "unable to parse requirement: found 'y', expected: ',' or ')'")]
    [InlineData("a in (=)", "unable to parse requirement: found '=', expected: ',', ')' or identifier")]
    [InlineData("a==(", "unable to parse requirement: found '(', expected: identifier")]
    [InlineData("-a=b", "unable to parse requirement: key: Invalid value: \"-a\": name part must consist of alphanumeric characters")]
    [InlineData("a/b/c", "key: Invalid value: \"a/b/c\": a qualified name must consist of")]
    [InlineData("Example.com/a", "prefix part a lowercase RFC 1123 subdomain must consist of")]
    [InlineData("/a", "prefix part must be non-empty")]
    [InlineData("a=-b", "unable to parse requirement: values[0][a]: Invalid value: \"-b\": a valid label must be an empty string")]
    [InlineData("a>x", "values[0]: Invalid value: \"x\": for 'Gt', 'Lt' operators, the value must be an integer")]
    public void Parse_InvalidSelector_ThrowsSelectorExceptionWithKubernetesMessage(string text, string expectedMessagePart)
    {
        var error = Assert.Throws<SelectorException>(() => LabelSelector.Parse(text));

        Assert.Contains(expectedMessagePart, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_KeyNameLongerThan63_IsRejected()
    {
        var error = Assert.Throws<SelectorException>(() => LabelSelector.Parse(new string('a', 64)));

        Assert.Contains("name part must be no more than 63 characters", error.Message, StringComparison.Ordinal);
    }
}
