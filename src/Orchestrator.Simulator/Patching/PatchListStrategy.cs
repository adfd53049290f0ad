namespace Orchestrator.Simulator.Patching;

/// <summary>
/// How a strategic merge patch treats one list field: the Go struct tags <c>patchStrategy</c> and
/// <c>patchMergeKey</c> of the Kubernetes API types.
/// </summary>
/// <param name="Merge">True for <c>patchStrategy:"merge"</c>; false means the patch replaces the list.</param>
/// <param name="MergeKey">The field that identifies elements of a merged list of objects; null for primitives.</param>
internal readonly record struct PatchListStrategy(bool Merge, string? MergeKey)
{
    public static PatchListStrategy ReplaceList => new(false, null);

    public static PatchListStrategy MergePrimitives => new(true, null);

    public static PatchListStrategy MergeBy(string mergeKey) => new(true, mergeKey);
}
