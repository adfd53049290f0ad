using YamlDotNet.RepresentationModel;

namespace Orchestrator.Controller.Tests.Support;

/// <summary>The CaRotation CustomResourceDefinition as YAML nodes, for tests that hold the C# types against it.</summary>
internal static class CrdSchema
{
    /// <param name="file">The CRD's file in samples/deploy; the CaRotation's when left out.</param>
    public static YamlMappingNode Load(string file = DeployFiles.CaRotationDefinition)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(DeployFiles.PathOf(file))));
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    public static YamlMappingNode Version(YamlMappingNode definition) =>
        (YamlMappingNode)((YamlSequenceNode)Child(definition, "spec").Children[new YamlScalarNode("versions")]).Children.Single();

    public static YamlMappingNode OpenApi(YamlMappingNode definition) =>
        Child(Child(Version(definition), "schema"), "openAPIV3Schema");

    public static YamlMappingNode Child(YamlMappingNode node, string key) => (YamlMappingNode)node.Children[new YamlScalarNode(key)];

    public static YamlNode? Find(YamlMappingNode node, string key) => node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static string Text(YamlMappingNode node, string key) => ((YamlScalarNode)node.Children[new YamlScalarNode(key)]).Value!;
}
