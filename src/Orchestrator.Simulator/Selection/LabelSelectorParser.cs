namespace Orchestrator.Simulator.Selection;

/// <summary>
/// Recursive descent over the label selector grammar of Kubernetes' labels.Parse, with its error messages:
/// <c>requirement ("," requirement)*</c>, <c>requirement := ["!"] KEY [("=" | "==" | "!=" | ">" | "&lt;") VALUE
/// | ("in" | "notin") "(" VALUE ("," VALUE)* ")"]</c>.
/// </summary>
internal sealed class LabelSelectorParser
{
    private const string BinaryOperators = "in, notin, =, ==, !=, gt, lt";

    private readonly List<LabelToken> _tokens;
    private int _position;

    private LabelSelectorParser(List<LabelToken> tokens) => _tokens = tokens;

    /// <summary>Context in which "in" and "notin" are plain words (keys and values), not operators.</summary>
    private enum Context
    {
        KeyAndOperator,
        Values,
    }

    public static List<LabelRequirement> Parse(string text) =>
        new LabelSelectorParser(LabelSelectorLexer.Tokenize(text)).ParseSelector();

    private List<LabelRequirement> ParseSelector()
    {
        var requirements = new List<LabelRequirement>();
        while (true)
        {
            var next = Lookahead(Context.Values);
            switch (next.Kind)
            {
                case LabelTokenKind.Identifier or LabelTokenKind.DoesNotExist:
                    requirements.Add(ParseRequirementOrThrow());
                    var separator = Consume(Context.Values);
                    if (separator.Kind == LabelTokenKind.EndOfString)
                    {
                        return requirements;
                    }

                    if (separator.Kind != LabelTokenKind.Comma)
                    {
                        throw new SelectorException($"found '{separator.Literal}', expected: ',' or 'end of string'");
                    }

                    var afterComma = Lookahead(Context.Values);
                    if (afterComma.Kind is not (LabelTokenKind.Identifier or LabelTokenKind.DoesNotExist))
                    {
                        throw new SelectorException($"found '{afterComma.Literal}', expected: identifier after ','");
                    }

                    break;
                case LabelTokenKind.EndOfString:
                    return requirements;
                default:
                    throw new SelectorException($"found '{next.Literal}', expected: !, identifier, or 'end of string'");
            }
        }
    }

    private LabelRequirement ParseRequirementOrThrow()
    {
        try
        {
            return ParseRequirement();
        }
        catch (SelectorException e)
        {
            throw new SelectorException("unable to parse requirement: " + e.Message, e);
        }
    }

    private LabelRequirement ParseRequirement()
    {
        var (key, inferred) = ParseKeyAndInferOperator();
        if (inferred is { } unary)
        {
            return new LabelRequirement(key, unary, []);
        }

        var op = ParseOperator();
        var values = op is LabelOperator.In or LabelOperator.NotIn ? ParseValueSet() : ParseExactValue();
        return LabelRequirement.Create(key, op, values);
    }

    private (string Key, LabelOperator? Inferred) ParseKeyAndInferOperator()
    {
        LabelOperator? op = null;
        var token = Consume(Context.Values);
        if (token.Kind == LabelTokenKind.DoesNotExist)
        {
            op = LabelOperator.DoesNotExist;
            token = Consume(Context.Values);
        }

        if (token.Kind != LabelTokenKind.Identifier)
        {
            throw new SelectorException($"found '{token.Literal}', expected: identifier");
        }

        if (LabelValidation.KeyError(token.Literal) is { } error)
        {
            throw new SelectorException(LabelRequirement.Invalid("key", token.Literal, error));
        }

        if (op is null && Lookahead(Context.Values).Kind is LabelTokenKind.EndOfString or LabelTokenKind.Comma)
        {
            op = LabelOperator.Exists;
        }

        return (token.Literal, op);
    }

    private LabelOperator ParseOperator()
    {
        var token = Consume(Context.KeyAndOperator);
        return token.Kind switch
        {
            LabelTokenKind.In => LabelOperator.In,
            LabelTokenKind.EqualsSign => LabelOperator.Equal,
            LabelTokenKind.DoubleEquals => LabelOperator.DoubleEqual,
            LabelTokenKind.GreaterThan => LabelOperator.GreaterThan,
            LabelTokenKind.LessThan => LabelOperator.LessThan,
            LabelTokenKind.NotIn => LabelOperator.NotIn,
            LabelTokenKind.NotEquals => LabelOperator.NotEqual,
            _ => throw new SelectorException($"found '{token.Literal}', expected: {BinaryOperators}"),
        };
    }

    private List<string> ParseValueSet()
    {
        var open = Consume(Context.Values);
        if (open.Kind != LabelTokenKind.OpenParenthesis)
        {
            throw new SelectorException($"found '{open.Literal}' expected: '('");
        }

        var next = Lookahead(Context.Values);
        switch (next.Kind)
        {
            case LabelTokenKind.Identifier or LabelTokenKind.Comma:
                var values = ParseIdentifierList();
                var close = Consume(Context.Values);
                return close.Kind == LabelTokenKind.ClosedParenthesis
                    ? values
                    : throw new SelectorException($"found '{close.Literal}', expected: ')'");
            case LabelTokenKind.ClosedParenthesis:
                // "()" is the set holding only the empty value.
                Consume(Context.Values);
                return [string.Empty];
            default:
                throw new SelectorException($"found '{next.Literal}', expected: ',', ')' or identifier");
        }
    }

    // Empty entries (",," or a leading or trailing ",") stand for the empty value, as in Kubernetes.
    private List<string> ParseIdentifierList()
    {
        var values = new List<string>();
        while (true)
        {
            var token = Consume(Context.Values);
            switch (token.Kind)
            {
                case LabelTokenKind.Identifier:
                    values.Add(token.Literal);
                    var next = Lookahead(Context.Values);
                    if (next.Kind == LabelTokenKind.ClosedParenthesis)
                    {
                        return values;
                    }

                    if (next.Kind != LabelTokenKind.Comma)
                    {
                        throw new SelectorException($"found '{next.Literal}', expected: ',' or ')'");
                    }

                    break;
                case LabelTokenKind.Comma:
                    if (values.Count == 0)
                    {
                        values.Add(string.Empty);
                    }

                    var following = Lookahead(Context.Values);
                    if (following.Kind == LabelTokenKind.ClosedParenthesis)
                    {
                        values.Add(string.Empty);
                        return values;
                    }

                    if (following.Kind == LabelTokenKind.Comma)
                    {
                        Consume(Context.Values);
                        values.Add(string.Empty);
                    }

                    break;
                default:
                    throw new SelectorException($"found '{token.Literal}', expected: ',', or identifier");
            }
        }
    }

    private List<string> ParseExactValue()
    {
        if (Lookahead(Context.Values).Kind is LabelTokenKind.EndOfString or LabelTokenKind.Comma)
        {
            return [string.Empty];
        }

        var token = Consume(Context.Values);
        return token.Kind == LabelTokenKind.Identifier
            ? [token.Literal]
            : throw new SelectorException($"found '{token.Literal}', expected: identifier");
    }

    private LabelToken Lookahead(Context context) => AsContext(_tokens[_position], context);

    private LabelToken Consume(Context context) => AsContext(_tokens[_position++], context);

    private static LabelToken AsContext(LabelToken token, Context context) =>
        context == Context.Values && token.Kind is LabelTokenKind.In or LabelTokenKind.NotIn
            ? token with { Kind = LabelTokenKind.Identifier }
            : token;
}
