using System.Globalization;
using System.Text.RegularExpressions;
using Orchestrator.Core.Specs;

namespace Orchestrator.Controller.Schedules;

/// <summary>
/// A schedule's <c>newCa.alias</c>: text with date placeholders such as <c>ca-{yyyyMMdd}</c>, expanded with the UTC
/// date a CaRotation is created, so that each new CA's subject (and truststore alias) differs from the one before.
/// </summary>
internal sealed partial class AliasPattern
{
    private readonly string _pattern;

    private AliasPattern(string pattern) => _pattern = pattern;

    /// <summary>The pattern, or what is wrong with it and what to write instead.</summary>
    public static (AliasPattern? Pattern, string? Problem) Parse(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var rest = Placeholder().Replace(pattern, string.Empty);
        if (rest.Contains('{', StringComparison.Ordinal) || rest.Contains('}', StringComparison.Ordinal))
        {
            return (null, $"'{pattern}' has an unmatched brace; write placeholders as {{yyyyMMdd}}");
        }

        var placeholders = Placeholder().Matches(pattern);
        if (placeholders.Count == 0)
        {
            return (null, $"'{pattern}' has no date placeholder, so every scheduled CA would get the same subject; add one, e.g. '{pattern + "-{yyyyMMdd}"}'");
        }

        if (placeholders.FirstOrDefault(placeholder => !Format().IsMatch(placeholder.Groups["format"].Value)) is { } unknown)
        {
            return (null, $"'{unknown.Value}' is not a date placeholder; use yyyy, yy, MM, dd, HH, mm and ss inside braces, e.g. {{yyyyMMdd}}");
        }

        // The widest expansion (a two-digit field is always two digits) must itself be a usable alias.
        var parsed = new AliasPattern(pattern);
        var sample = parsed.Expand(new DateTimeOffset(2099, 12, 31, 23, 59, 59, TimeSpan.Zero));
        return NewCaRules.AliasProblem(sample) is { } problem
            ? (null, $"'{pattern}' gives aliases such as '{sample}', and {problem}")
            : (parsed, null);
    }

    /// <summary>The alias for a CaRotation created at <paramref name="created"/> (read in UTC).</summary>
    public string Expand(DateTimeOffset created) =>
        Placeholder().Replace(_pattern, placeholder => created.UtcDateTime.ToString(placeholder.Groups["format"].Value, CultureInfo.InvariantCulture));

    public override string ToString() => _pattern;

    [GeneratedRegex(@"\{(?<format>[^{}]*)\}")]
    private static partial Regex Placeholder();

    // Numeric fields only: no names of months or days (MMMM), which would depend on a culture, and no single letters,
    // which .NET reads as standard formats ("d" is a whole short date). A field is never followed by its own letter.
    [GeneratedRegex(@"^(?:(?:yyyy|yy)(?!y)|MM(?!M)|dd(?!d)|HH(?!H)|mm(?!m)|ss(?!s))+\z")]
    private static partial Regex Format();
}
