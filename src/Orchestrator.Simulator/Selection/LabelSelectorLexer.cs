using System.Text;

namespace Orchestrator.Simulator.Selection;

/// <summary>Splits a label selector into tokens the way Kubernetes' labels.Lexer does.</summary>
internal static class LabelSelectorLexer
{
    private static readonly Dictionary<string, LabelTokenKind> Keywords = new(StringComparer.Ordinal)
    {
        [")"] = LabelTokenKind.ClosedParenthesis,
        [","] = LabelTokenKind.Comma,
        ["!"] = LabelTokenKind.DoesNotExist,
        ["=="] = LabelTokenKind.DoubleEquals,
        ["="] = LabelTokenKind.EqualsSign,
        [">"] = LabelTokenKind.GreaterThan,
        ["in"] = LabelTokenKind.In,
        ["<"] = LabelTokenKind.LessThan,
        ["!="] = LabelTokenKind.NotEquals,
        ["notin"] = LabelTokenKind.NotIn,
        ["("] = LabelTokenKind.OpenParenthesis,
    };

    public static List<LabelToken> Tokenize(string text)
    {
        var tokens = new List<LabelToken>();
        var position = 0;
        while (true)
        {
            while (position < text.Length && IsWhitespace(text[position]))
            {
                position++;
            }

            if (position >= text.Length)
            {
                tokens.Add(new LabelToken(LabelTokenKind.EndOfString, string.Empty));
                return tokens;
            }

            tokens.Add(IsSpecial(text[position]) ? ScanSymbol(text, ref position) : ScanWord(text, ref position));
        }
    }

    private static LabelToken ScanWord(string text, ref int position)
    {
        var start = position;
        while (position < text.Length && !IsSpecial(text[position]) && !IsWhitespace(text[position]))
        {
            position++;
        }

        var word = text[start..position];
        return Keywords.TryGetValue(word, out var keyword) ? new LabelToken(keyword, word) : new LabelToken(LabelTokenKind.Identifier, word);
    }

    // Longest run of symbols that is still an operator: "!=" is one token, "=!" two.
    private static LabelToken ScanSymbol(string text, ref int position)
    {
        var buffer = new StringBuilder();
        LabelToken? last = null;
        while (position < text.Length && IsSpecial(text[position]))
        {
            buffer.Append(text[position]);
            if (Keywords.TryGetValue(buffer.ToString(), out var kind))
            {
                last = new LabelToken(kind, buffer.ToString());
                position++;
            }
            else
            {
                break;
            }
        }

        // Every single symbol is itself a token, so the loop always found one.
        return last!.Value;
    }

    private static bool IsWhitespace(char c) => c is ' ' or '\t' or '\r' or '\n';

    private static bool IsSpecial(char c) => c is '=' or '!' or '(' or ')' or ',' or '>' or '<';
}
