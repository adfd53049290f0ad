using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Orchestrator.Simulator.Storage;

/// <summary>One kind of object the simulated API server serves, with the rules its registry applies.</summary>
internal sealed class ResourceType
{
    private readonly Func<string, IKubernetesObject<V1ObjectMeta>> _fromJson;
    private readonly Func<JsonNode, IKubernetesObject<V1ObjectMeta>> _fromNode;

    private ResourceType(
        string group,
        string version,
        string plural,
        string kind,
        bool namespaced,
        IReadOnlyList<string> shortNames,
        IReadOnlyList<string> verbs,
        IReadOnlyList<string> subresources,
        ResourceStrategy strategy,
        Func<string, IKubernetesObject<V1ObjectMeta>> fromJson,
        Func<JsonNode, IKubernetesObject<V1ObjectMeta>> fromNode)
    {
        Group = group;
        Version = version;
        Plural = plural;
        Kind = kind;
        Namespaced = namespaced;
        ShortNames = shortNames;
        Verbs = verbs;
        Subresources = subresources;
        Strategy = strategy;
        _fromJson = fromJson;
        _fromNode = fromNode;
    }

    public string Group { get; }

    public string Version { get; }

    public string Plural { get; }

    public string Kind { get; }

    public bool Namespaced { get; }

    public IReadOnlyList<string> ShortNames { get; }

    public IReadOnlyList<string> Verbs { get; }

    public IReadOnlyList<string> Subresources { get; }

    public ResourceStrategy Strategy { get; }

    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public string ListKind => Kind + "List";

    public string Singular => Kind.ToLowerInvariant();

    /// <summary>The name Kubernetes uses in messages: <c>secrets</c>, <c>statefulsets.apps</c>.</summary>
    public string QualifiedPlural => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    public static ResourceType Create<T>(
        string group,
        string version,
        string plural,
        string kind,
        bool namespaced,
        IReadOnlyList<string> shortNames,
        IReadOnlyList<string> verbs,
        IReadOnlyList<string> subresources,
        ResourceStrategy strategy)
        where T : IKubernetesObject<V1ObjectMeta> =>
        new(
            group,
            version,
            plural,
            kind,
            namespaced,
            shortNames,
            verbs,
            subresources,
            strategy,
            json => KubernetesJson.Deserialize<T>(json),
            node => KubernetesJson.Deserialize<T>(node));

    /// <summary>Reads a request body or a stored object; a body of the wrong shape is the client's fault.</summary>
    public IKubernetesObject<V1ObjectMeta> Deserialize(string json)
    {
        try
        {
            return _fromJson(json) ?? throw ApiException.BadRequest($"the body of the request was empty, expected a {Kind}");
        }
        catch (System.Text.Json.JsonException exception)
        {
            throw ApiException.BadRequest($"error decoding {Kind}: {exception.Message}");
        }
    }

    public IKubernetesObject<V1ObjectMeta> Deserialize(JsonNode node)
    {
        try
        {
            return _fromNode(node) ?? throw ApiException.BadRequest($"the patched object is empty, expected a {Kind}");
        }
        catch (System.Text.Json.JsonException exception)
        {
            throw ApiException.BadRequest($"error decoding {Kind}: {exception.Message}");
        }
    }

    public bool Supports(string verb) => Verbs.Contains(verb, StringComparer.Ordinal);
}
