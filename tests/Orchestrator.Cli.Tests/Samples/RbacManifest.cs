using YamlDotNet.RepresentationModel;

namespace Orchestrator.Cli.Tests.Samples;

/// <summary>
/// <c>samples/rbac.yaml</c> read with the YAML library the spec parser uses: its ServiceAccount, Role and RoleBinding,
/// each by the fields RBAC acts on.
/// </summary>
internal sealed class RbacManifest
{
    private readonly List<YamlMappingNode> _documents;

    private RbacManifest(List<YamlMappingNode> documents) => _documents = documents;

    public IEnumerable<string> Kinds => _documents.Select(document => Text(document, "kind"));

    public YamlMappingNode ServiceAccount => Single("ServiceAccount");

    public YamlMappingNode Role => Single("Role");

    public YamlMappingNode RoleBinding => Single("RoleBinding");

    public IReadOnlyList<RbacRule> Rules =>
        ((YamlSequenceNode)Role.Children["rules"]).Children.Cast<YamlMappingNode>()
            .Select(rule => new RbacRule(List(rule, "apiGroups"), List(rule, "resources"), List(rule, "resourceNames"), List(rule, "verbs")))
            .ToList();

    public static RbacManifest Load(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        return new RbacManifest(stream.Documents.Select(document => (YamlMappingNode)document.RootNode).ToList());
    }

    public static string Text(YamlMappingNode mapping, params string[] path)
    {
        YamlNode node = mapping;
        foreach (var key in path)
        {
            node = ((YamlMappingNode)node).Children[key];
        }

        return ((YamlScalarNode)node).Value!;
    }

    public static IReadOnlyList<string> List(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(key, out var node)
            ? ((YamlSequenceNode)node).Children.Select(item => ((YamlScalarNode)item).Value!).ToList()
            : [];

    private YamlMappingNode Single(string kind) => _documents.Single(document => Text(document, "kind") == kind);
}
