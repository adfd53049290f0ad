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
        Func<JsonNode, IKubernetesObject<V1ObjectMeta>> fromNode,
        ResourceNames? names)
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
        Categories = names?.Categories ?? [];
        Singular = names?.Singular ?? kind.ToLowerInvariant();
        ListKind = names?.ListKind ?? kind + "List";
        Columns = names?.Columns;
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

    public string ListKind { get; }

    public string Singular { get; }

    /// <summary>The groups of kinds (such as <c>all</c>) that kubectl expands a category name to.</summary>
    public IReadOnlyList<string> Categories { get; }

    /// <summary>A custom resource's printer columns after Name; null for the built-in kinds, whose columns are fixed.</summary>
    public IReadOnlyList<PrinterColumn>? Columns { get; }

    /// <summary>Whether a CustomResourceDefinition defines this kind.</summary>
    public bool IsCustom => Columns is not null;

    /// <summary>The key of this kind's objects in a store: a kind keeps its objects when its definition changes.</summary>
    public string StorageKey => QualifiedPlural;

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
        ResourceStrategy strategy,
        ResourceNames? names = null)
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
            node => KubernetesJson.Deserialize<T>(node),
            names);

    /// <summary>A kind defined by a CustomResourceDefinition, whose objects are read through <paramref name="read"/>.</summary>
    public static ResourceType Custom(
        string group,
        string version,
        string plural,
        string kind,
        bool namespaced,
        IReadOnlyList<string> shortNames,
        IReadOnlyList<string> subresources,
        ResourceStrategy strategy,
        ResourceNames names,
        Func<JsonNode, CustomObject> read) =>
        new(
            group,
            version,
            plural,
            kind,
            namespaced,
            shortNames,
            ["delete", "get", "list", "patch", "create", "update", "watch"],
            subresources,
            strategy,
            json => read(JsonNode.Parse(json) ?? throw new System.Text.Json.JsonException("null is not an object")),
            read,
            names);

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
