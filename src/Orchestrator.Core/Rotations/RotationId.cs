using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;

namespace Orchestrator.Core.Rotations;

/// <summary>
/// A rotation's id. Every id there is obeys <see cref="Rule"/>, because it also names the rotation's run lock file;
/// ids are made by <see cref="New"/> or read from text by <see cref="TryParse"/> and <see cref="Parse"/>.
/// </summary>
/// <remarks>
/// A class rather than a struct: a struct's <c>default</c> would be an id that names nothing, and nothing but a
/// run-time check would stop it, whereas a missing class instance is a null, which the compiler's nullable analysis
/// refuses wherever a <see cref="RotationId"/> is required, and the null checks already at the store's door refuse at
/// run time.
/// </remarks>
public sealed record RotationId
{
    public const int MaximumLength = 200;

    /// <summary>What an id may be, in words for the user.</summary>
    public const string Rule = "letters, digits, '.', '_' and '-' only, not starting with '.', at most 200 characters";

    private readonly string _text;

    private RotationId(string text) => _text = text;

    /// <summary>An id that sorts by creation time and says when: <c>rot-20261130-014512-7f3a</c>.</summary>
    public static RotationId New(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return new(string.Create(CultureInfo.InvariantCulture, $"rot-{time.GetUtcNow():yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(2))}"));
    }

    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out RotationId? id)
    {
        id = Obeys(text) ? new RotationId(text) : null;
        return id is not null;
    }

    /// <exception cref="FormatException">The text breaks <see cref="Rule"/>.</exception>
    public static RotationId Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not a rotation id ({Rule})");
    }

    public override string ToString() => _text;

    private static bool Obeys([NotNullWhen(true)] string? text) =>
        !string.IsNullOrEmpty(text)
        && text.Length <= MaximumLength
        && text[0] != '.'
        && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
}
