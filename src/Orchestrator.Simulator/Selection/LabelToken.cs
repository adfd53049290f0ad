namespace Orchestrator.Simulator.Selection;

internal readonly record struct LabelToken(LabelTokenKind Kind, string Literal);
