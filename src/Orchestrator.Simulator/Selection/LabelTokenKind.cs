namespace Orchestrator.Simulator.Selection;

/// <summary>Tokens of the label selector lexer (k8s.io/apimachinery/pkg/labels).</summary>
internal enum LabelTokenKind
{
    EndOfString,
    ClosedParenthesis,
    Comma,
    DoesNotExist,
    DoubleEquals,
    EqualsSign,
    GreaterThan,
    Identifier,
    In,
    LessThan,
    NotEquals,
    NotIn,
    OpenParenthesis,
}
