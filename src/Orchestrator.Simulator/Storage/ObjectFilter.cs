using Orchestrator.Simulator.Selection;

namespace Orchestrator.Simulator.Storage;

/// <summary>Which objects a list or watch selects: an optional namespace plus label and field selectors.</summary>
internal sealed record ObjectFilter(string? Namespace, LabelSelector Labels, FieldSelector Fields)
{
    public static readonly ObjectFilter Everything = new(null, LabelSelector.Parse(null), FieldSelector.Parse(null));

    public static ObjectFilter InNamespace(string? ns) => Everything with { Namespace = ns };

    public bool Matches(StoredObject stored) =>
        (Namespace is null || string.Equals(Namespace, stored.Namespace, StringComparison.Ordinal))
        && Labels.Matches(stored.Labels as IReadOnlyDictionary<string, string>)
        && Fields.Matches(stored.FieldValue);
}
