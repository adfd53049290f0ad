using System.Text.RegularExpressions;

namespace Orchestrator.Core.Specs;

/// <summary>
/// What a new CA's alias, key size and validity may be, whether they come from a spec's <c>newCa</c> or from
/// <c>generate-ca</c>: each check gives null, or what is wrong and what to use instead.
/// </summary>
public static partial class NewCaRules
{
    public const int MaximumKeySize = 16384;
    public const int MaximumValidityDays = 36500;

    public static string? AliasProblem(string alias)
    {
        ArgumentNullException.ThrowIfNull(alias);
        return Alias().IsMatch(alias)
            ? null
            : $"{YamlFields.Quote(alias)} is not a usable alias; use letters, digits, '.', '_' or '-' (at most 64), e.g. ca2";
    }

    public static string? KeySizeProblem(int keySize) => keySize switch
    {
        < NewCaSpec.MinimumKeySize => $"{keySize} is below {NewCaSpec.MinimumKeySize}; use {NewCaSpec.MinimumKeySize} or more (the procedure's default is {NewCaSpec.DefaultKeySize})",
        > MaximumKeySize => $"{keySize} is above {MaximumKeySize}; use {NewCaSpec.DefaultKeySize}",

        // The key generator takes whole bytes only; refused here rather than when the step runs.
        _ when keySize % 8 != 0 => $"{keySize} is not a whole number of bytes; use a multiple of 8 such as 2048, 3072 or {NewCaSpec.DefaultKeySize}",
        _ => null,
    };

    public static string? ValidityProblem(int days) => days is < 1 or > MaximumValidityDays
        ? $"{days} is out of range; use a number between 1 and {MaximumValidityDays}"
        : null;

    // The alias becomes the subject O= and the truststore alias: plain characters that survive both unchanged.
    // \z, not $: $ also matches before a final line break, which would let "ca2\n" through.
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}\z")]
    private static partial Regex Alias();
}
