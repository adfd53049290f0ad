using Orchestrator.Controller.Resources;
using Orchestrator.Controller.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Orchestrator.Controller.Tests.Resources;

/// <summary>The CaRotationSchedule CRD and its C# types describe the same fields with the same types, in both directions.</summary>
public sealed class CaRotationScheduleSchemaTests
{
    [Fact]
    public void Schema_EveryPropertyOfTheTypes_IsInTheCrdWithItsTypeAndBack()
    {
        var problems = new List<string>();
        var schema = CrdSchema.OpenApi(CrdSchema.Load(DeployFiles.ScheduleDefinition));

        CaRotationSchemaTests.Compare(CaRotationScheduleJsonContext.Default.CaRotationSchedule, schema, "CaRotationSchedule", problems);
        CaRotationSchemaTests.CheckRequired(CaRotationScheduleJsonContext.Default.CaRotationSchedule, schema, "CaRotationSchedule", problems);

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Definition_NamesAndPrinterColumns_MatchTheConstantsAndStatusFields()
    {
        var definition = CrdSchema.Load(DeployFiles.ScheduleDefinition);
        var spec = CrdSchema.Child(definition, "spec");
        var names = CrdSchema.Child(spec, "names");
        var version = CrdSchema.Version(definition);

        Assert.Equal($"{CaRotationScheduleDefinition.Plural}.{CaRotationDefinition.Group}", CrdSchema.Text(CrdSchema.Child(definition, "metadata"), "name"));
        Assert.Equal(CaRotationDefinition.Group, CrdSchema.Text(spec, "group"));
        Assert.Equal("Namespaced", CrdSchema.Text(spec, "scope"));
        Assert.Equal(CaRotationScheduleDefinition.Kind, CrdSchema.Text(names, "kind"));
        Assert.Equal(CaRotationScheduleDefinition.Plural, CrdSchema.Text(names, "plural"));
        Assert.Equal(CaRotationScheduleDefinition.ShortName, ((YamlScalarNode)((YamlSequenceNode)names.Children[new YamlScalarNode("shortNames")]).Children.Single()).Value);
        Assert.Equal(CaRotationDefinition.Version, CrdSchema.Text(version, "name"));
        Assert.NotNull(CrdSchema.Find(CrdSchema.Child(version, "subresources"), "status"));

        var columns = ((YamlSequenceNode)version.Children[new YamlScalarNode("additionalPrinterColumns")]).Children.Cast<YamlMappingNode>().ToList();
        Assert.Equal(["Next Renewal", "Current", "Last", "Age"], columns.Select(column => CrdSchema.Text(column, "name")));
        var status = CaRotationScheduleJsonContext.Default.CaRotationScheduleStatus.Properties.ToDictionary(property => property.Name, property => property.PropertyType);
        foreach (var path in columns.Select(column => CrdSchema.Text(column, "jsonPath")).Where(path => path.StartsWith(".status.", StringComparison.Ordinal)))
        {
            Assert.True(status.TryGetValue(path[".status.".Length..], out var type) && type == typeof(string), $"{path} is not a string field of CaRotationScheduleStatus");
        }
    }
}
