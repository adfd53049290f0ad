namespace Orchestrator.Simulator.Storage;

/// <summary>Lookups on the <see cref="IDictionary{TKey, TValue}"/> maps the Kubernetes models use for labels, annotations and data.</summary>
internal static class DictionaryLookup
{
    public static TValue? Find<TValue>(this IDictionary<string, TValue>? map, string key)
        where TValue : class =>
        map is not null && map.TryGetValue(key, out var value) ? value : null;
}
