using System.Globalization;
using System.Text;
using Orchestrator.Core.Gates;
using Orchestrator.Core.Specs;

namespace Orchestrator.Core.Tests.Specs;

public sealed class SpecParserTests
{
    private const string Valid = """
        cluster: example-cluster
        namespace: anton
        caSecret: example-cluster-manual-tls-ca
        extraCaKey: ca2.crt
        newCa:
          alias: ca2
          keySize: 4096
          validityDays: 3650
        regions:
          - name: region1
            kubeconfig: ./kubeconfig
            context: region1
          - name: region2
            kubeconfig: /etc/k/other
            context: east
            namespace: cassandra
        rollout:
          timeout: 1h30m
        """;

    private static RotationSpec Parse(string yaml) => SpecParser.Parse(Encoding.UTF8.GetBytes(yaml), "rotation.yaml", "/specs");

    private static string Refusal(string yaml) => Assert.Throws<SpecException>(() => Parse(yaml)).Message;

    [Fact]
    public void Parse_FullSpec_ReadsEveryFieldAndResolvesPathsAgainstTheSpecDirectory()
    {
        var spec = Parse(Valid);

        Assert.Equal(("example-cluster", "anton", "example-cluster-manual-tls-ca", "ca2.crt"), (spec.Cluster, spec.Namespace, spec.CaSecret, spec.ExtraCaKey));
        Assert.Equal(new NewCaSpec("ca2", 4096, 3650, null, null), spec.NewCa);
        Assert.Equal(
            [new RegionSpec("region1", "/specs/kubeconfig", "region1", "anton"), new RegionSpec("region2", "/etc/k/other", "east", "cassandra")],
            spec.Regions);
        Assert.Equal(TimeSpan.FromMinutes(90), spec.RolloutTimeout);
    }

    [Fact]
    public void Parse_MinimalSpec_AppliesTheDocumentedDefaults()
    {
        var spec = Parse("""
            cluster: c
            namespace: n
            caSecret: s
            newCa: { alias: ca2 }
            regions: [ { name: r1, kubeconfig: k } ]
            """);

        Assert.Equal("ca2.crt", spec.ExtraCaKey);
        Assert.Equal(4096, spec.NewCa.KeySize);
        Assert.Equal(3650, spec.NewCa.ValidityDays);
        Assert.Null(spec.Regions[0].Context);
        Assert.Equal(TimeSpan.FromMinutes(30), spec.RolloutTimeout);
    }

    [Fact]
    public void Parse_SuppliedCa_ResolvesBothFiles()
    {
        var spec = Parse(Valid.Replace("  alias: ca2\n  keySize: 4096\n  validityDays: 3650", "  certFile: ca/ca_crt.pem\n  keyFile: ca/ca_key.pem", StringComparison.Ordinal));

        Assert.False(spec.NewCa.Generated);
        Assert.Equal(("/specs/ca/ca_crt.pem", "/specs/ca/ca_key.pem"), (spec.NewCa.CertFile, spec.NewCa.KeyFile));
    }

    [Theory]
    [InlineData("extraCaKey: ca2.crt", "extraCaKey: ca2.pem", "extraCaKey: 'ca2.pem' does not end in .crt")]
    [InlineData("extraCaKey: ca2.crt", "extraCaKey: ca.crt", "cannot be the extra entry")]
    [InlineData("  keySize: 4096", "  keySize: 1024", "newCa.keySize: 1024 is below 2048")]
    [InlineData("  keySize: 4096", "  keySize: big", "newCa.keySize: expected a whole number")]
    [InlineData("  keySize: 4096", "  keySize: 2050", "newCa.keySize: 2050 is not a whole number of bytes")]
    [InlineData("  validityDays: 3650", "  validityDays: 0", "newCa.validityDays: 0 is out of range")]
    [InlineData("  alias: ca2", "  alias: 'ca 2'", "newCa.alias: 'ca 2' is not a usable alias")]
    [InlineData("  alias: ca2", "  alias: ca2\n  certFile: x.pem", "not both")]
    [InlineData("cluster: example-cluster", "cluster: Example_Cluster", "cluster: 'Example_Cluster' is not a Kubernetes name")]
    [InlineData("cluster: example-cluster", "clustre: example-cluster", "clustre: unknown field")]
    [InlineData("cluster: example-cluster", "", "cluster: is required")]
    [InlineData("  timeout: 1h30m", "  timeout: soon", "rollout.timeout: 'soon' is not a duration")]
    [InlineData("  timeout: 1h30m", "  timeout: 0s", "rollout.timeout: '0s' is not a duration")]
    [InlineData("  timeout: 1h30m", "  timout: 1h", "rollout.timout: unknown field")]
    [InlineData("    context: east", "    context: [east]", "regions[1].context: expected text, found a list")]
    [InlineData("  - name: region2", "  - name: region1", "region 'region1' is listed twice")]
    [InlineData("    kubeconfig: /etc/k/other", "", "regions[1].kubeconfig: is required")]
    public void Parse_BadField_RefusedNamingTheFieldAndLine(string from, string to, string expected)
    {
        var message = Refusal(Valid.Replace(from, to, StringComparison.Ordinal));

        Assert.Contains(expected, message, StringComparison.Ordinal);
        Assert.StartsWith("rotation.yaml", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  alias: ca2", "  alias: 2024", "newCa.alias: expected text, found the number '2024'; write it in quotes ('2024') if it is meant as text")]
    [InlineData("cluster: example-cluster", "cluster: true", "cluster: expected text, found the boolean 'true'")]
    [InlineData("  - name: region1", "  - name: 1", "regions[0].name: expected text, found the number '1'")]
    [InlineData("    context: east", "    context: 1.5e3", "regions[1].context: expected text, found the number '1.5e3'")]
    [InlineData("  alias: ca2", "  alias: !custom ca2", "newCa.alias: expected text, found a value tagged !custom")]
    [InlineData("  keySize: 4096", "  keySize: \"4096\"", "newCa.keySize: expected a whole number between 2048 and 16384, found the text '4096'; write it without quotes")]
    [InlineData("  validityDays: 3650", "  validityDays: 3650.0", "newCa.validityDays: expected a whole number between 1 and 36500, found the number '3650.0'")]
    [InlineData("cluster: example-cluster", "cluster: ~", "cluster: is required")]
    public void Parse_ScalarOfAnotherKind_RefusedNamingWhatWasFound(string from, string to, string expected)
    {
        Assert.Contains(expected, Refusal(Valid.Replace(from, to, StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ApprovalAndWindows_GlobalAndPerRegion()
    {
        var spec = Parse(Valid
            .Replace("    context: region1\n", "    context: region1\n    maintenanceWindows:\n      - { cron: '0 2 * * SAT', duration: 4h, timeZone: Europe/Berlin }\n", StringComparison.Ordinal)
            + "\napproval: regions\nmaintenanceWindows:\n  - cron: '30 1 * * *'\n    duration: 90m\n");

        Assert.Equal(ApprovalMode.Regions, spec.Approval);
        Assert.Equal([new MaintenanceWindow("30 1 * * *", TimeSpan.FromMinutes(90), "UTC")], spec.MaintenanceWindows);
        Assert.Equal([new MaintenanceWindow("0 2 * * SAT", TimeSpan.FromHours(4), "Europe/Berlin")], spec.Regions[0].MaintenanceWindows!);
        Assert.Null(spec.Regions[1].MaintenanceWindows);
        Assert.Equal((ApprovalMode.None, 0), (Parse(Valid).Approval, Parse(Valid).MaintenanceWindows.Count));
    }

    [Theory]
    [InlineData("approval: always", "approval: 'always' is not an approval mode: use none, phases (before each phase) or regions (before each Secret write)")]
    [InlineData("maintenanceWindows: []", "maintenanceWindows: is empty")]
    [InlineData("maintenanceWindows:\n  - { cron: '0 2 * *', duration: 1h }", "maintenanceWindows[0].cron: '0 2 * *' is not a cron expression of five fields")]
    [InlineData("maintenanceWindows:\n  - { cron: '0 2 * * *', duration: 10s }", "maintenanceWindows[0].duration: 10s is too short")]
    [InlineData("maintenanceWindows:\n  - { cron: '0 2 * * *', duration: 1h, timeZone: Moon/Base }", "maintenanceWindows[0].timeZone: 'Moon/Base' is not a time zone")]
    [InlineData("maintenanceWindows:\n  - { cron: '0 2 * * *' }", "maintenanceWindows[0].duration: is required")]
    [InlineData("maintenanceWindows:\n  - { cron: '0 2 * * *', duration: 1h, zone: UTC }", "maintenanceWindows[0].zone: ")]
    public void Parse_BadApprovalOrWindow_RefusedNamingTheField(string extra, string expected)
    {
        Assert.Contains(expected, Refusal(Valid + "\n" + extra + "\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_QuotedNumberForTextAndTaggedNumber_Accepted()
    {
        var spec = Parse(Valid
            .Replace("  alias: ca2", "  alias: '2024'", StringComparison.Ordinal)
            .Replace("  keySize: 4096", "  keySize: !!int \"4096\"", StringComparison.Ordinal));

        Assert.Equal(("2024", 4096), (spec.NewCa.Alias, spec.NewCa.KeySize));
    }

    [Fact]
    public void Parse_NewCaMissing_SaysWhatToGive()
    {
        var message = Refusal("cluster: c\nnamespace: n\ncaSecret: s\nregions: [ { name: r1, kubeconfig: k } ]\n");

        Assert.Contains("newCa: is required: give an alias", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SeveralProblems_ReportsTheFirstAndCountsTheRest()
    {
        var failure = Assert.Throws<SpecException>(() => Parse("cluster: C\nnamespace: n\ncaSecret: s\nnewCa: { alias: ca2, keySize: 512 }\nregions: []\n"));

        Assert.Equal(3, failure.Problems.Count);
        Assert.EndsWith("(and 2 more problems)", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cluster: [unclosed", "not valid YAML")]
    [InlineData("- just\n- a list\n", "expected a mapping of fields, found a list")]
    [InlineData("a: 1\n---\nb: 2\n", "expected one YAML document, found 2")]
    public void Parse_NotASpec_Refused(string yaml, string expected)
    {
        Assert.Contains(expected, Refusal(yaml), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AliasesToEarlierNodes_Accepted()
    {
        var spec = Parse(Valid
            .Replace("    kubeconfig: ./kubeconfig", "    kubeconfig: &kubeconfig ./kubeconfig", StringComparison.Ordinal)
            .Replace("    kubeconfig: /etc/k/other", "    kubeconfig: *kubeconfig", StringComparison.Ordinal));

        Assert.Equal("/specs/kubeconfig", spec.Regions[1].Kubeconfig);
    }

    [Fact]
    public void Parse_DeepNesting_RefusedBeforeLoading()
    {
        var message = Refusal("cluster: " + new string('[', 100_000) + new string(']', 100_000) + "\n");

        Assert.Contains("rotation.yaml line 1: nested more than 32 levels deep", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AliasBombAsMappingKey_RefusedBeforeLoading()
    {
        // Ten levels of nine aliases each: about 3.5 billion values once expanded, in eleven short lines.
        var yaml = new StringBuilder("l0: &l0 [x, x, x, x, x, x, x, x, x]\n");
        for (var level = 1; level <= 10; level++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"l{level}: &l{level} [{string.Join(", ", Enumerable.Repeat($"*l{level - 1}", 9))}]\n");
        }

        var message = Refusal(yaml.Append("? *l10\n: boom\n").ToString());

        Assert.Contains("expands to more than 10000 values through its aliases", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AliasInsideItsOwnNode_Refused()
    {
        Assert.Contains("alias *a does not refer to an earlier, complete node", Refusal("? &a [*a]\n: 1\n"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cluster: example-cluster", "cluster: \"example\\ncluster\"", "cluster: 'example\\u000Acluster' contains a control character or line break")]
    [InlineData("    context: east", "    context: \"east\\e[31m\"", "regions[1].context: 'east\\u001B[31m' contains a control character")]
    [InlineData("cluster: example-cluster", "cluster: example-cluster\n\"a\\u2028b\": 1", "a\\u2028b: unknown field")]
    [InlineData("  keySize: 4096", "  keySize: \"40\\r\\n96\"", "found the text '40\\u000D\\u000A96'")]
    public void Parse_ControlCharacters_RefusedOnOneLineWithTheCharactersEscaped(string from, string to, string expected)
    {
        var message = Refusal(Valid.Replace(from, to, StringComparison.Ordinal));

        Assert.Contains(expected, message, StringComparison.Ordinal);
        Assert.DoesNotContain(message, character => char.IsControl(character) || character == '\u2028');
    }

    [Fact]
    public void Parse_HugeValue_QuotedShortened()
    {
        var message = Refusal(Valid.Replace("  alias: ca2", "  alias: " + new string('x', 100_000), StringComparison.Ordinal));

        Assert.Contains($"newCa.alias: '{new string('x', 40)}...' is not a usable alias", message, StringComparison.Ordinal);
        Assert.True(message.Length < 300, message);
    }

    [Fact]
    public void Parse_Utf8WithByteOrderMark_ReadsTheSpec()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Valid)).ToArray();

        Assert.Equal("example-cluster", SpecParser.Parse(bytes, "rotation.yaml", "/specs").Cluster);
    }

    [Fact]
    public void Parse_EmptyRegionList_SaysToListThem()
    {
        Assert.Contains("regions: is empty: list every region", Refusal(Valid[..Valid.IndexOf("regions:", StringComparison.Ordinal)] + "regions: []\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NotUtf8_Refused()
    {
        var bytes = Encoding.UTF8.GetBytes(Valid).Concat(new byte[] { 0xC3, 0x28, 0xFF }).ToArray();

        var failure = Assert.Throws<SpecException>(() => SpecParser.Parse(bytes, "rotation.yaml", "/specs"));

        Assert.Contains("is not UTF-8 text", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_HugeInput_RefusedWithoutParsing()
    {
        var bytes = new byte[SpecParser.MaximumBytes + 1];

        var failure = Assert.Throws<SpecException>(() => SpecParser.Parse(bytes, "rotation.yaml", "/specs"));

        Assert.Contains("too large", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseFile_Missing_SaysWhatToPass()
    {
        var failure = Assert.Throws<SpecException>(() => SpecParser.ParseFile("/no/such/rotation.yaml"));

        Assert.Contains("no such file", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseFile_Directory_SaysItIsADirectoryNotThatItIsMissing()
    {
        var directory = Directory.CreateTempSubdirectory("orchestrator-spec-").FullName;
        try
        {
            var failure = Assert.Throws<SpecException>(() => SpecParser.ParseFile(directory));

            Assert.Equal($"{directory}: is a directory; pass the rotation spec file itself with --spec FILE", failure.Message);
        }
        finally
        {
            Directory.Delete(directory);
        }
    }

    [Theory]
    [InlineData("cluster: example-cluster", "cluster", 300, "cluster: '{0}...' is 300 characters long; Kubernetes allows at most 253 here")]
    [InlineData("caSecret: example-cluster-manual-tls-ca", "caSecret", 254, "caSecret: '{0}...' is 254 characters long; Kubernetes allows at most 253 here")]
    [InlineData("namespace: anton", "namespace", 64, "namespace: '{0}...' is 64 characters long; Kubernetes allows at most 63 here")]
    [InlineData("    namespace: cassandra", "    namespace", 100, "regions[1].namespace: '{0}...' is 100 characters long; Kubernetes allows at most 63 here")]
    public void Parse_NameTooLong_SaysItsLengthAndTheLimit(string line, string key, int length, string expected)
    {
        var message = Refusal(Valid.Replace(line, $"{key}: {new string('a', length)}", StringComparison.Ordinal));

        Assert.Contains(string.Format(CultureInfo.InvariantCulture, expected, new string('a', 40)), message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("big", "the text 'big'")]
    [InlineData("2147483648", "the number '2147483648'")]
    [InlineData("4096.0", "the number '4096.0'")]
    public void Parse_KeySizeNotAWholeNumber_NamesTheAllowedRange(string value, string found)
    {
        var message = Refusal(Valid.Replace("  keySize: 4096", $"  keySize: {value}", StringComparison.Ordinal));

        Assert.Contains($"newCa.keySize: expected a whole number between 2048 and 16384, found {found}", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("30m", 1800)]
    [InlineData("1h30m", 5400)]
    [InlineData("90s", 90)]
    [InlineData("1.5h", 5400)]
    [InlineData("250ms", 0.25)]
    public void GoDuration_Parses(string text, double seconds)
    {
        Assert.True(GoDuration.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("30")]
    [InlineData("m30")]
    [InlineData("30 m")]
    [InlineData("1d")]
    public void GoDuration_RejectsWhatGoRejects(string text)
    {
        Assert.False(GoDuration.TryParse(text, out _));
    }
}
