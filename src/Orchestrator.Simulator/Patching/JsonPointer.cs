using System.Globalization;
using System.Text.Json.Nodes;

namespace Orchestrator.Simulator.Patching;

/// <summary>An RFC 6901 JSON Pointer, parsed into unescaped reference tokens.</summary>
internal sealed class JsonPointer
{
    private JsonPointer(string text, IReadOnlyList<string> tokens)
    {
        Text = text;
        Tokens = tokens;
    }

    public string Text { get; }

    public IReadOnlyList<string> Tokens { get; }

    public bool IsRoot => Tokens.Count == 0;

    public string LastToken => Tokens[^1];

    public JsonPointer Parent => new(Text[..Text.LastIndexOf('/')], Tokens.Take(Tokens.Count - 1).ToArray());

    public static JsonPointer Parse(string text)
    {
        if (text.Length == 0)
        {
            return new JsonPointer(text, []);
        }

        if (text[0] != '/')
        {
            throw new PatchException($"json patch: invalid JSON pointer \"{text}\": it must be empty or start with '/'");
        }

        var tokens = text[1..].Split('/').Select(token => Unescape(token, text)).ToArray();
        return new JsonPointer(text, tokens);
    }

    /// <summary>True when <paramref name="other"/> points strictly inside the value this pointer points at.</summary>
    public bool IsProperPrefixOf(JsonPointer other) =>
        other.Tokens.Count > Tokens.Count && Tokens.Select((token, i) => token == other.Tokens[i]).All(same => same);

    public bool TryResolve(JsonNode? document, out JsonNode? value)
    {
        value = document;
        foreach (var token in Tokens)
        {
            switch (value)
            {
                case JsonObject obj when obj.TryGetPropertyValue(token, out var member):
                    value = member;
                    break;
                case JsonArray array when TryParseIndex(token, out var index) && index < array.Count:
                    value = array[index];
                    break;
                default:
                    value = null;
                    return false;
            }
        }

        return true;
    }

    /// <summary>Array indexes are "0" or digits without a leading zero (RFC 6901 section 4).</summary>
    public static bool TryParseIndex(string token, out int index)
    {
        index = -1;
        var wellFormed = token.Length > 0
            && token.All(char.IsAsciiDigit)
            && (token.Length == 1 || token[0] != '0');
        return wellFormed && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out index);
    }

    public override string ToString() => Text;

    // "~1" becomes "/" before "~0" becomes "~", so "~01" stays the literal "~1" (RFC 6901 section 4).
    private static string Unescape(string token, string pointer)
    {
        for (var i = token.IndexOf('~', StringComparison.Ordinal); i >= 0; i = token.IndexOf('~', i + 1))
        {
            if (i + 1 >= token.Length || (token[i + 1] != '0' && token[i + 1] != '1'))
            {
                throw new PatchException($"json patch: invalid JSON pointer \"{pointer}\": '~' must be followed by '0' or '1'");
            }
        }

        return token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
    }
}
