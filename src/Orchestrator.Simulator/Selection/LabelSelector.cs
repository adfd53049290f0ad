namespace Orchestrator.Simulator.Selection;

/// <summary>A parsed <c>labelSelector</c> query parameter: all requirements must hold.</summary>
internal sealed class LabelSelector
{
    private LabelSelector(IReadOnlyList<LabelRequirement> requirements) => Requirements = requirements;

    public static LabelSelector Everything { get; } = new([]);

    /// <summary>The requirements, sorted by key as Kubernetes keeps them.</summary>
    public IReadOnlyList<LabelRequirement> Requirements { get; }

    public bool IsEverything => Requirements.Count == 0;

    /// <summary>Parses the Kubernetes label selector syntax; null or empty selects everything.</summary>
    /// <exception cref="SelectorException">The text is not a valid selector.</exception>
    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return Everything;
        }

        var requirements = LabelSelectorParser.Parse(text);
        return requirements.Count == 0
            ? Everything
            : new LabelSelector(requirements.OrderBy(requirement => requirement.Key, StringComparer.Ordinal).ToList());
    }

    public bool Matches(IReadOnlyDictionary<string, string>? labels) =>
        Requirements.All(requirement => requirement.Matches(labels));

    public override string ToString() => string.Join(',', Requirements);
}
