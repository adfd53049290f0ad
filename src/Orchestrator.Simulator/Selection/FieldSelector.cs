using System.Text;

namespace Orchestrator.Simulator.Selection;

/// <summary>
/// A parsed <c>fieldSelector</c> query parameter (Kubernetes fields.ParseSelector): comma-separated
/// <c>field=value</c>, <c>field==value</c>, <c>field!=value</c>, all of which must hold. Values escape
/// <c>\,</c>, <c>\=</c> and <c>\\</c>; field names are taken literally up to the first operator.
/// </summary>
internal sealed class FieldSelector
{
    private static readonly string[] Operators = ["!=", "==", "="];

    private FieldSelector(IReadOnlyList<FieldRequirement> requirements)
    {
        Requirements = requirements;
        Fields = requirements.Select(requirement => requirement.Field).Distinct(StringComparer.Ordinal).ToList();
    }

    public static FieldSelector Everything { get; } = new([]);

    public IReadOnlyList<FieldRequirement> Requirements { get; }

    /// <summary>The distinct field names used, so the caller can refuse fields the resource does not support.</summary>
    public IReadOnlyList<string> Fields { get; }

    public bool IsEverything => Requirements.Count == 0;

    /// <exception cref="SelectorException">A term has no operator or a value is badly escaped.</exception>
    public static FieldSelector Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return Everything;
        }

        var requirements = new List<FieldRequirement>();
        foreach (var term in SplitTerms(text).Where(term => term.Length > 0).Order(StringComparer.Ordinal))
        {
            var (field, op, rawValue) = SplitTerm(term)
                ?? throw new SelectorException($"invalid selector: '{text}'; can't understand '{term}'");
            requirements.Add(new FieldRequirement(field, Unescape(rawValue), Negated: op == "!="));
        }

        return new FieldSelector(requirements);
    }

    /// <param name="fieldValue">The object's value for a field path such as <c>metadata.name</c>; null when it has none.</param>
    public bool Matches(Func<string, string?> fieldValue)
    {
        ArgumentNullException.ThrowIfNull(fieldValue);
        return Requirements.All(requirement => requirement.Matches(fieldValue(requirement.Field)));
    }

    public override string ToString() => string.Join(',', Requirements);

    internal static string Escape(string value) =>
        value.Replace(@"\", @"\\", StringComparison.Ordinal)
            .Replace(",", @"\,", StringComparison.Ordinal)
            .Replace("=", @"\=", StringComparison.Ordinal);

    // Splits on commas that are not escaped; escapes stay in the terms for Unescape.
    private static List<string> SplitTerms(string text)
    {
        var terms = new List<string>();
        var start = 0;
        var escaped = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (escaped)
            {
                escaped = false;
            }
            else if (text[i] == '\\')
            {
                escaped = true;
            }
            else if (text[i] == ',')
            {
                terms.Add(text[start..i]);
                start = i + 1;
            }
        }

        terms.Add(text[start..]);
        return terms;
    }

    // The first operator from the left splits the term; "!=" and "==" win over "=" at the same place.
    private static (string Field, string Operator, string Value)? SplitTerm(string term)
    {
        for (var i = 0; i < term.Length; i++)
        {
            foreach (var op in Operators)
            {
                if (term.AsSpan(i).StartsWith(op, StringComparison.Ordinal))
                {
                    return (term[..i], op, term[(i + op.Length)..]);
                }
            }
        }

        return null;
    }

    private static string Unescape(string value)
    {
        var result = new StringBuilder(value.Length);
        var escaped = false;
        foreach (var c in value)
        {
            if (escaped)
            {
                if (c is not ('\\' or ',' or '='))
                {
                    throw new SelectorException($"invalid field selector: invalid escape sequence: \\{c}");
                }

                result.Append(c);
                escaped = false;
            }
            else if (c == '\\')
            {
                escaped = true;
            }
            else if (c is ',' or '=')
            {
                throw new SelectorException($"invalid field selector: unescaped character in value: '{c}'");
            }
            else
            {
                result.Append(c);
            }
        }

        return escaped
            ? throw new SelectorException(@"invalid field selector: invalid escape sequence: \")
            : result.ToString();
    }
}
