using System.Globalization;
using System.Text;
using Orchestrator.Cli.Tests.Support;

namespace Orchestrator.Cli.Tests.BadInput;

/// <summary>
/// Mangled rotation specs, all made from valid ones: the spec the end-to-end tests use (<see cref="Valid"/>) and the
/// same with every optional field written out (<see cref="Full"/>), so that every field can be given a wrong type.
/// </summary>
internal static class MangledSpecs
{
    public const string FileName = "bad.yaml";

    public static readonly string Valid = SimulatedClusters.SpecText(["region1", "region2"]);

    public static readonly string Full = """
        cluster: example-cluster
        namespace: anton
        caSecret: example-cluster-manual-tls-ca
        extraCaKey: ca2.crt
        newCa:
          alias: ca2
          keySize: 2048
          validityDays: 3650
        regions:
          - name: region1
            kubeconfig: ./kubeconfig
            context: region1
            namespace: anton
          - name: region2
            kubeconfig: ./kubeconfig
            context: region2
        rollout:
          timeout: 2m

        """;

    private const string NewCaBlock = "newCa:\n  alias: ca2\n  keySize: 2048\n  validityDays: 3650\n";
    private const string RolloutBlock = "rollout:\n  timeout: 2m\n";
    private const string FirstRegion = "  - name: region1\n    kubeconfig: ./kubeconfig\n    context: region1\n    namespace: anton\n";

    private static readonly (string Path, string Line)[] TextFields =
    [
        ("cluster", "cluster: example-cluster"),
        ("namespace", "namespace: anton"),
        ("caSecret", "caSecret: example-cluster-manual-tls-ca"),
        ("extraCaKey", "extraCaKey: ca2.crt"),
        ("newCa.alias", "  alias: ca2"),
        ("regions[0].name", "  - name: region1"),
        ("regions[0].kubeconfig", "    kubeconfig: ./kubeconfig"),
        ("regions[0].context", "    context: region1"),
        ("regions[0].namespace", "    namespace: anton"),
        ("rollout.timeout", "  timeout: 2m"),
    ];

    private static readonly (string Path, string Line)[] NumberFields =
    [
        ("newCa.keySize", "  keySize: 2048"),
        ("newCa.validityDays", "  validityDays: 3650"),
    ];

    /// <summary>Every field given a value of another kind: a list or mapping for a scalar, a number or boolean for text, text for a number.</summary>
    public static IEnumerable<SpecCase> WrongTypes()
    {
        foreach (var (path, line) in TextFields)
        {
            foreach (var (kind, value) in new[] { ("list", "[a, b]"), ("mapping", "{a: 1}"), ("number", "123"), ("boolean", "true") })
            {
                yield return Case($"{path}={kind}", ReplaceLine(Full, line, value), $"{path}: expected text, found ");
            }
        }

        foreach (var (path, line) in NumberFields)
        {
            foreach (var (kind, value) in new[] { ("text", "big"), ("quoted-number", "\"2048\""), ("fraction", "2048.5"), ("boolean", "true"), ("list", "[2048]"), ("mapping", "{bits: 2048}") })
            {
                yield return Case($"{path}={kind}", ReplaceLine(Full, line, value), $"{path}: expected a whole number between ");
            }
        }

        yield return Case("newCa=text", Full.Replace(NewCaBlock, "newCa: ca2\n", StringComparison.Ordinal), "newCa: expected a mapping of fields, found the text 'ca2'");
        yield return Case("newCa=list", Full.Replace(NewCaBlock, "newCa:\n  - ca2\n", StringComparison.Ordinal), "newCa: expected a mapping of fields, found a list");
        yield return Case("newCa.certFile=list", Full.Replace(NewCaBlock, "newCa:\n  certFile: [ca_crt.pem]\n  keyFile: ca_key.pem\n", StringComparison.Ordinal), "newCa.certFile: expected text, found a list");
        yield return Case("newCa.keyFile=number", Full.Replace(NewCaBlock, "newCa:\n  certFile: ca_crt.pem\n  keyFile: 42\n", StringComparison.Ordinal), "newCa.keyFile: expected text, found the number '42'");
        yield return Case("rollout=text", Full.Replace(RolloutBlock, "rollout: 2m\n", StringComparison.Ordinal), "rollout: expected a mapping of fields, found the text '2m'");
        yield return Case("rollout=list", Full.Replace(RolloutBlock, "rollout: [2m]\n", StringComparison.Ordinal), "rollout: expected a mapping of fields, found a list");
        yield return Case("regions=text", Regions("regions: region1\n"), "regions: expected a list of regions, found the text 'region1'");
        yield return Case("regions=mapping", Regions("regions: {name: region1, kubeconfig: ./kubeconfig}\n"), "regions: expected a list of regions, found a mapping");
        yield return Case("regions=empty-list", Regions("regions: []\n"), "regions: is empty: list every region");
        yield return Case("regions[0]=text", Full.Replace(FirstRegion, "  - region1\n", StringComparison.Ordinal), "regions[0]: expected a mapping of fields, found the text 'region1'");
        yield return Case("regions[0]=list", Full.Replace(FirstRegion, "  - [region1, ./kubeconfig]\n", StringComparison.Ordinal), "regions[0]: expected a mapping of fields, found a list");
        yield return Case("document=text", "just a sentence\n", "spec: expected a mapping of fields, found the text 'just a sentence'");
        yield return Case("document=list", "- cluster: example-cluster\n- namespace: anton\n", "spec: expected a mapping of fields, found a list");
    }

    /// <summary>A key the spec does not have, at every level, and keys that are not plain words.</summary>
    public static IEnumerable<SpecCase> UnknownKeys()
    {
        yield return Case("root", Full + "color: blue\n", "color: unknown field; expected one of: cluster, namespace, caSecret");
        yield return Case("root-typo", ReplaceLine(Full, "namespace: anton", "anton", key: "namespce"), "namespce: unknown field");
        yield return Case("newCa", InsertAfter(Full, "  alias: ca2", "  colour: blue"), "newCa.colour: unknown field; expected one of: alias, keySize");
        yield return Case("regions[0]", InsertAfter(Full, "    context: region1", "    zone: eu-west-1"), "regions[0].zone: unknown field; expected one of: name, kubeconfig, context, namespace");
        yield return Case("regions[1]", InsertAfter(Full, "    context: region2", "    zone: us-east-1"), "regions[1].zone: unknown field");
        yield return Case("rollout", Full + "  retries: 3\n", "rollout.retries: unknown field; expected one of: timeout");
        yield return Case("list-as-key", Full + "? [a, b]\n: c\n", "?: unknown field");
        yield return Case("key-with-line-break", Full + "\"co\\nlor\": blue\n", "co\\u000Alor: unknown field");
    }

    /// <summary>Values far beyond anything sensible, and a file too large to be a spec.</summary>
    public static IEnumerable<SpecCase> HugeValues()
    {
        yield return Case("file-2MB", Full + "# " + new string('x', 2 * 1024 * 1024) + "\n", $"{FileName}: 2097", "bytes is too large for a rotation spec");
        yield return Case("alias-100KB", ReplaceLine(Full, "  alias: ca2", new string('a', 100_000)), $"newCa.alias: '{new string('a', 40)}...' is not a usable alias");
        yield return Case("key-100KB", Full + new string('k', 100_000) + ": v\n", $"{FileName} line ");
        yield return Case("keySize-999999999", ReplaceLine(Full, "  keySize: 2048", "999999999"), "newCa.keySize: 999999999 is above 16384");
        yield return Case("keySize-2^31", ReplaceLine(Full, "  keySize: 2048", "2147483648"), "newCa.keySize: expected a whole number between ", "found the number '2147483648'");
        yield return Case("validityDays-10^12", ReplaceLine(Full, "  validityDays: 3650", "1000000000000"), "newCa.validityDays: expected a whole number between 1 and 36500, found the number '1000000000000'");
        yield return Case("timeout-10^9h", ReplaceLine(Full, "  timeout: 2m", "1000000000h"), "rollout.timeout: '1000000000h' is not a duration between 1s and 168h");
        yield return Case("timeout-400-digits", ReplaceLine(Full, "  timeout: 2m", new string('9', 400) + "h"), "rollout.timeout: '9999999999", "...' is not a duration");
        yield return Case("nesting-100000-deep", ReplaceLine(Full, "cluster: example-cluster", new string('[', 100_000) + new string(']', 100_000)), $"{FileName} line 1: nested more than 32 levels deep");
    }

    /// <summary>Bytes that are not UTF-8: broken sequences, other encodings of the same spec.</summary>
    public static IEnumerable<SpecCase> NotUtf8()
    {
        const string NotUtf8 = $"{FileName}: is not UTF-8 text";
        yield return Case("invalid-sequence", Splice(Full, "  alias: ca", [0xC3, 0x28]), NotUtf8);
        yield return Case("lone-continuation-byte", Splice(Full, "cluster: example", [0x80]), NotUtf8);
        yield return Case("overlong-encoding", Splice(Full, "cluster: example", [0xC0, 0xAF]), NotUtf8);
        yield return Case("latin-1", Splice(Full, "  alias: ca", [0xE9]), NotUtf8);
        yield return Case("cut-multibyte-at-end", [.. Encoding.UTF8.GetBytes(Full), 0xE2, 0x82], NotUtf8);
        yield return Case("utf-16le-bom", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Full)], NotUtf8);
        yield return Case("utf-16be-bom", [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(Full)], NotUtf8);
        yield return Case("utf-32le-bom", [.. Encoding.UTF32.GetPreamble(), .. Encoding.UTF32.GetBytes(Full)], NotUtf8);
    }

    /// <summary>YAML's own features turned against the parser: alias bombs, duplicate keys, several documents, tabs, tags.</summary>
    public static IEnumerable<SpecCase> YamlFeatures()
    {
        yield return Case("alias-bomb", Full + AliasBomb("bomb") + "\n", $"{FileName} line ", "expands to more than 10000 values through its aliases");
        yield return Case("alias-bomb-as-key", Full + AliasBomb("key") + "? *l8\n: boom\n", "expands to more than 10000 values through its aliases");
        yield return Case("alias-inside-its-node", Full + "? &loop [*loop]\n: 1\n", "alias *loop does not refer to an earlier, complete node");
        yield return Case("alias-undefined", ReplaceLine(Full, "cluster: example-cluster", "*nowhere"), "alias *nowhere does not refer to an earlier, complete node");
        yield return Case("duplicate-key", Full + "cluster: other-cluster\n", $"{FileName} line ", "not valid YAML: ", "Duplicate key");
        yield return Case("duplicate-nested-key", InsertAfter(Full, "  alias: ca2", "  alias: ca3"), "not valid YAML: ", "Duplicate key");
        yield return Case("two-documents", Full + "---\n" + Full, $"{FileName}: expected one YAML document, found 2");
        yield return Case("no-document", "# nothing but a comment\n", $"{FileName}: expected one YAML document, found 0");
        yield return Case("empty-file", string.Empty, $"{FileName}: expected one YAML document, found 0");
        yield return Case("tab-indentation", Full.Replace("  alias: ca2", "\talias: ca2", StringComparison.Ordinal), $"{FileName} line ", "not valid YAML: ");
        yield return Case("unclosed-flow", Full + "extra: [a, {b: c\n", "not valid YAML: ");
        yield return Case("yaml-2.0-directive", "%YAML 2.0\n---\n" + Full, "not valid YAML: ");
        yield return Case("unknown-tag", ReplaceLine(Full, "cluster: example-cluster", "!custom example-cluster"), "cluster: expected text, found a value tagged !custom");
        yield return Case("binary-tag", ReplaceLine(Full, "  keySize: 2048", "!!binary AAAA"), "newCa.keySize: expected a whole number", "a value tagged tag:yaml.org,2002:binary");
        yield return Case("merge-key", Full.Replace(NewCaBlock, "newCa:\n  <<: {alias: ca2}\n  keySize: 2048\n", StringComparison.Ordinal), "newCa.<<: unknown field");
    }

    /// <summary>
    /// <paramref name="count"/> different cuts of <see cref="Valid"/>, at offsets drawn from a fixed seed; the cut at 0
    /// (an empty file) and the whole text minus its last byte among them.
    /// </summary>
    public static IReadOnlyList<int> TruncationOffsets(int count)
    {
        var random = new Random(20261130);
        var offsets = new SortedSet<int> { 0, Valid.Length - 1 };
        while (offsets.Count < count)
        {
            offsets.Add(random.Next(1, Valid.Length - 1));
        }

        return [.. offsets];
    }

    /// <summary>Nine levels of nine aliases each: 387 million values once expanded, in ten short lines.</summary>
    private static string AliasBomb(string name)
    {
        var text = new StringBuilder($"{name}: &l0 [x, x, x, x, x, x, x, x, x]\n");
        for (var level = 1; level <= 8; level++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{name}{level}: &l{level} [{string.Join(", ", Enumerable.Repeat($"*l{level - 1}", 9))}]\n");
        }

        return text.ToString();
    }

    private static SpecCase Case(string name, string text, params string[] expected) => new(name, Encoding.UTF8.GetBytes(text), expected);

    private static SpecCase Case(string name, byte[] bytes, params string[] expected) => new(name, bytes, expected);

    private static string Regions(string replacement)
    {
        var start = Full.IndexOf("regions:\n", StringComparison.Ordinal);
        var end = Full.IndexOf("rollout:\n", StringComparison.Ordinal);
        return string.Concat(Full.AsSpan(0, start), replacement, Full.AsSpan(end));
    }

    /// <summary>The text with the first line equal to <paramref name="line"/> given another value (and key).</summary>
    private static string ReplaceLine(string text, string line, string value, string? key = null)
    {
        var lines = text.Split('\n');
        var index = Array.IndexOf(lines, line);
        if (index < 0)
        {
            throw new ArgumentException($"no line '{line}'", nameof(line));
        }

        var colon = line.IndexOf(": ", StringComparison.Ordinal);
        var indent = line[..(line.Length - line.TrimStart(' ', '-').Length)];
        lines[index] = key is null ? $"{line[..(colon + 2)]}{value}" : $"{indent}{key}: {value}";
        return string.Join('\n', lines);
    }

    private static string InsertAfter(string text, string line, string inserted)
    {
        var at = text.IndexOf(line + "\n", StringComparison.Ordinal);
        return at < 0 ? throw new ArgumentException($"no line '{line}'", nameof(line)) : text.Insert(at + line.Length + 1, inserted + "\n");
    }

    /// <summary>The text as UTF-8 with <paramref name="bytes"/> put right after <paramref name="after"/>.</summary>
    private static byte[] Splice(string text, string after, byte[] bytes)
    {
        var at = text.IndexOf(after, StringComparison.Ordinal) + after.Length;
        return [.. Encoding.UTF8.GetBytes(text[..at]), .. bytes, .. Encoding.UTF8.GetBytes(text[at..])];
    }
}
