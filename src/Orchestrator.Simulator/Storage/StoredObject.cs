using k8s;
using k8s.Models;

namespace Orchestrator.Simulator.Storage;

/// <summary>
/// An immutable snapshot of one object as the store holds it: its JSON (what clients receive) and the parsed
/// form the store uses for selectors. Callers get copies, never the store's own instance.
/// </summary>
internal sealed class StoredObject
{
    private readonly IKubernetesObject<V1ObjectMeta> _value;

    public StoredObject(ResourceType type, IKubernetesObject<V1ObjectMeta> value)
    {
        Type = type;
        _value = value;
        Json = KubernetesJson.Serialize(value);
        ResourceVersion = long.Parse(value.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture);
    }

    public ResourceType Type { get; }

    public string Json { get; }

    public long ResourceVersion { get; }

    public string Name => _value.Metadata.Name;

    public string? Namespace => _value.Metadata.NamespaceProperty;

    public string Uid => _value.Metadata.Uid;

    public IDictionary<string, string>? Labels => _value.Metadata.Labels;

    /// <summary>JSON for comparing two values; null is "null" (the client library cannot serialize null).</summary>
    public static string CanonicalJson(object? value) => value is null ? "null" : KubernetesJson.Serialize(value);

    public static T Clone<T>(T value) => KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(value));

    /// <summary>A private, mutable copy of the object.</summary>
    public IKubernetesObject<V1ObjectMeta> Copy() => Type.Deserialize(Json);

    public T As<T>()
        where T : IKubernetesObject<V1ObjectMeta> => KubernetesJson.Deserialize<T>(Json);

    /// <summary>This object as it was, re-labelled with a later resource version (for a watch's synthetic DELETED).</summary>
    public StoredObject AtResourceVersion(long resourceVersion)
    {
        var copy = Copy();
        copy.Metadata.ResourceVersion = resourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new StoredObject(Type, copy);
    }

    public string? FieldValue(string field) => Type.Strategy.FieldValue(_value, field);

    /// <summary>The parsed object for read-only checks inside the store; must not be changed.</summary>
    internal IKubernetesObject<V1ObjectMeta> Peek() => _value;
}
