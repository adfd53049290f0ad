using System.Text.Json;
using System.Text.Json.Serialization;
using k8s;
using Orchestrator.Controller.Resources;
using Orchestrator.Controller.Tests.Support;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;

namespace Orchestrator.Controller.Tests.Deploy;

/// <summary>
/// The objects of <c>samples/deploy/</c>, read strictly: a field the kind does not have is an error, as
/// <c>kubectl apply --validate=strict</c> makes it, so a misspelt field cannot pass for a setting.
/// </summary>
internal static class DeployManifests
{
    private static readonly JsonSerializerOptions StrictCaRotation = new(CaRotationJsonContext.Default.Options)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private static readonly JsonSerializerOptions StrictSchedule = new(CaRotationScheduleJsonContext.Default.Options)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The examples of the orchestrator's own kinds, which the client's YAML reader cannot build.</summary>
    public static bool IsOwnKindExample(string name) => name is DeployFiles.CaRotationExample or DeployFiles.ScheduleExample;

    /// <summary>The built-in kinds' objects of one file, in the client's model types.</summary>
    public static IReadOnlyList<object> Load(string path) => Parse(File.ReadAllText(path));

    public static IReadOnlyList<object> Parse(string yaml) => KubernetesYaml.LoadAllFromString(yaml, strict: true);

    /// <summary>The objects of the manifests a user applies, and the region Role of <c>samples/rbac.yaml</c> they refer to.</summary>
    public static IReadOnlyList<object> All() =>
        [.. DeployFiles.Manifests.Where(name => !IsOwnKindExample(name)).SelectMany(name => Load(DeployFiles.PathOf(name))), .. Load(DeployFiles.RegionRbacPath)];

    /// <summary>The files the kustomization installs, in its order.</summary>
    public static IReadOnlyList<string> KustomizationResources()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(DeployFiles.PathOf(DeployFiles.Kustomization))));
        var resources = (YamlSequenceNode)((YamlMappingNode)stream.Documents.Single().RootNode).Children[new YamlScalarNode("resources")];
        return [.. resources.Children.Select(node => ((YamlScalarNode)node).Value!)];
    }

    public static T Single<T>(string file) => Load(DeployFiles.PathOf(file)).OfType<T>().Single();

    /// <summary>
    /// A CaRotation manifest through the resource's own JSON contract (the client's YAML reader cannot build its
    /// records), refusing a member the C# types do not have.
    /// </summary>
    public static CaRotation LoadCaRotation(string path) => ParseCaRotation(File.ReadAllText(path));

    public static CaRotation ParseCaRotation(string yaml) =>
        (CaRotation)JsonSerializer.Deserialize(Json(yaml), StrictCaRotation.GetTypeInfo(typeof(CaRotation)))!;

    /// <summary>A CaRotationSchedule manifest, read as strictly as <see cref="LoadCaRotation"/>.</summary>
    public static CaRotationSchedule LoadSchedule(string path) => ParseSchedule(File.ReadAllText(path));

    public static CaRotationSchedule ParseSchedule(string yaml) =>
        (CaRotationSchedule)JsonSerializer.Deserialize(Json(yaml), StrictSchedule.GetTypeInfo(typeof(CaRotationSchedule)))!;

    private static string Json(string yaml)
    {
        var untyped = new DeserializerBuilder().WithAttemptingUnquotedStringTypeDeserialization().Build().Deserialize<object>(yaml);
        return new SerializerBuilder().JsonCompatible().Build().Serialize(untyped);
    }
}
