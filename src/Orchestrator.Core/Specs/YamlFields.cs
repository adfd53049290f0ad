using System.Globalization;
using System.Text;
using YamlDotNet.RepresentationModel;

namespace Orchestrator.Core.Specs;

/// <summary>
/// Reads typed fields out of a YAML mapping and collects, instead of throwing, every problem as
/// "FILE line N: FIELD: what is wrong and what to do".
/// </summary>
internal sealed class YamlFields(string source)
{
    private const int ShownLength = 40;

    private readonly List<string> _problems = [];

    public IReadOnlyList<string> Problems => _problems;

    public void Problem(YamlNode? node, string path, string message)
    {
        var line = node is null ? string.Empty : $" line {node.Start.Line}";
        _problems.Add($"{source}{line}: {path}: {message}");
    }

    public YamlMappingNode? AsMapping(YamlNode? node, string path)
    {
        if (node is YamlMappingNode mapping)
        {
            return mapping;
        }

        Problem(node, path, $"expected a mapping of fields, found {Describe(node)}");
        return null;
    }

    /// <summary>Reports every key that is not one of <paramref name="known"/>, so a typo does not pass silently.</summary>
    public void RejectUnknown(YamlMappingNode mapping, string path, params string[] known)
    {
        foreach (var (key, _) in mapping.Children)
        {
            var name = (key as YamlScalarNode)?.Value;
            if (name is null || !known.Contains(name, StringComparer.Ordinal))
            {
                var shown = name is null ? "?" : Printable(name);
                var field = path.Length == 0 ? shown : $"{path}.{shown}";
                Problem(key, field, $"unknown field; expected one of: {string.Join(", ", known)}");
            }
        }
    }

    public static YamlNode? Child(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public string? Text(YamlMappingNode mapping, string key, string path, bool required)
    {
        var node = Child(mapping, key);
        if (node is null || (node is YamlScalarNode scalar && YamlScalars.KindOf(scalar) == ScalarKind.Null))
        {
            if (required)
            {
                Problem(node ?? mapping, path, "is required");
            }

            return null;
        }

        if (node is not YamlScalarNode text || YamlScalars.KindOf(text) != ScalarKind.Text)
        {
            var hint = node is YamlScalarNode other && YamlScalars.KindOf(other) != ScalarKind.Unknown ? $"; write it in quotes ('{Printable(other.Value!)}') if it is meant as text" : string.Empty;
            Problem(node, path, $"expected text, found {Describe(node)}{hint}");
            return null;
        }

        if (string.IsNullOrWhiteSpace(text.Value))
        {
            Problem(node, path, "must not be empty");
            return null;
        }

        if (text.Value.Any(IsUnprintable))
        {
            Problem(node, path, $"{Quote(text.Value)} contains a control character or line break; remove it");
            return null;
        }

        return text.Value;
    }

    /// <summary>
    /// A whole number from <paramref name="minimum"/> to <paramref name="maximum"/>, the range every refusal names.
    /// <paramref name="rule"/>, when given, judges a number in place of the plain range check, so that its message can
    /// say more (what is usual, why a value is refused).
    /// </summary>
    public int? Integer(YamlMappingNode mapping, string key, string path, int minimum, int maximum, Func<int, string?>? rule = null)
    {
        var node = Child(mapping, key);
        if (node is null)
        {
            return null;
        }

        if (node is not YamlScalarNode { Value: { } text } scalar
            || YamlScalars.KindOf(scalar) != ScalarKind.Integer
            || !int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            var hint = node is YamlScalarNode { Value: { } quoted } other && YamlScalars.KindOf(other) == ScalarKind.Text && int.TryParse(quoted, CultureInfo.InvariantCulture, out _)
                ? "; write it without quotes"
                : string.Empty;
            Problem(node, path, $"expected a whole number between {minimum} and {maximum}, found {Describe(node)}{hint}");
            return null;
        }

        var problem = rule is null
            ? value < minimum || value > maximum ? $"{value} is out of range; use a number between {minimum} and {maximum}" : null
            : rule(value);
        if (problem is not null)
        {
            Problem(node, path, problem);
            return null;
        }

        return value;
    }

    public static string Describe(YamlNode? node) => node switch
    {
        null => "nothing",
        YamlScalarNode scalar => YamlScalars.KindOf(scalar) switch
        {
            ScalarKind.Null => "an empty value",
            ScalarKind.Boolean => $"the boolean {Quote(scalar.Value!)}",
            ScalarKind.Integer or ScalarKind.Float => $"the number {Quote(scalar.Value!)}",
            ScalarKind.Unknown => $"a value tagged {Printable(scalar.Tag.Value)}",
            _ => $"the text {Quote(scalar.Value!)}",
        },
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => "an unexpected value",
    };

    /// <summary>A value from the spec as a message quotes it: see <see cref="Printable"/>.</summary>
    public static string Quote(string text) => $"'{Printable(text)}'";

    /// <summary>
    /// A value from the spec as a message shows it: shortened, with control characters and line breaks escaped, so
    /// that a reason stays one readable line whatever the file holds.
    /// </summary>
    public static string Printable(string text)
    {
        var end = text.Length <= ShownLength ? text.Length : char.IsHighSurrogate(text[ShownLength - 1]) ? ShownLength - 1 : ShownLength;
        var shown = new StringBuilder(end + 8);
        foreach (var character in text.AsSpan(0, end))
        {
            if (IsUnprintable(character))
            {
                shown.Append(CultureInfo.InvariantCulture, $"\\u{(int)character:X4}");
            }
            else
            {
                shown.Append(character);
            }
        }

        return end < text.Length ? shown.Append("...").ToString() : shown.ToString();
    }

    private static bool IsUnprintable(char character) =>
        char.IsControl(character) || char.GetUnicodeCategory(character) is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
