namespace Orchestrator.Simulator.Selection;

/// <summary>One term of a field selector: <c>field=value</c>, <c>field==value</c> or <c>field!=value</c>.</summary>
internal sealed record FieldRequirement(string Field, string Value, bool Negated)
{
    // Kubernetes compares against "" when the object has no value for the field.
    public bool Matches(string? actual) => string.Equals(actual ?? string.Empty, Value, StringComparison.Ordinal) != Negated;

    public override string ToString() => Field + (Negated ? "!=" : "=") + FieldSelector.Escape(Value);
}
