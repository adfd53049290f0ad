using System.Text.Json.Serialization.Metadata;
using k8s.Models;
using Orchestrator.Controller.Resources;
using Orchestrator.Controller.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Orchestrator.Controller.Tests.Resources;

/// <summary>The CRD manifest and the C# types describe the same fields with the same types, in both directions.</summary>
public sealed class CaRotationSchemaTests
{
    [Fact]
    public void Schema_EveryPropertyOfTheTypes_IsInTheCrdWithItsTypeAndBack()
    {
        var problems = new List<string>();
        var root = CaRotationJsonContext.Default.CaRotation;
        Compare(root, CrdSchema.OpenApi(CrdSchema.Load()), "CaRotation", problems);

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Schema_RequiredFields_AreNeverNullInTheTypes()
    {
        var problems = new List<string>();
        CheckRequired(CaRotationJsonContext.Default.CaRotation, CrdSchema.OpenApi(CrdSchema.Load()), "CaRotation", problems);

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Definition_NamesAndPrinterColumns_MatchTheConstantsAndStatusFields()
    {
        var definition = CrdSchema.Load();
        var spec = CrdSchema.Child(definition, "spec");
        var names = CrdSchema.Child(spec, "names");
        var version = CrdSchema.Version(definition);

        Assert.Equal($"{CaRotationDefinition.Plural}.{CaRotationDefinition.Group}", CrdSchema.Text(CrdSchema.Child(definition, "metadata"), "name"));
        Assert.Equal(CaRotationDefinition.Group, CrdSchema.Text(spec, "group"));
        Assert.Equal("Namespaced", CrdSchema.Text(spec, "scope"));
        Assert.Equal(CaRotationDefinition.Kind, CrdSchema.Text(names, "kind"));
        Assert.Equal(CaRotationDefinition.Plural, CrdSchema.Text(names, "plural"));
        Assert.Equal(CaRotationDefinition.ShortName, ((YamlScalarNode)((YamlSequenceNode)names.Children[new YamlScalarNode("shortNames")]).Children.Single()).Value);
        Assert.Equal(CaRotationDefinition.Version, CrdSchema.Text(version, "name"));
        Assert.Equal("true", CrdSchema.Text(version, "storage"));
        Assert.NotNull(CrdSchema.Find(CrdSchema.Child(version, "subresources"), "status"));

        var columns = ((YamlSequenceNode)version.Children[new YamlScalarNode("additionalPrinterColumns")]).Children.Cast<YamlMappingNode>().ToList();
        Assert.Equal(["State", "Step", "Region", "Progress", "Age"], columns.Select(column => CrdSchema.Text(column, "name")));
        var status = CaRotationJsonContext.Default.CaRotationStatus.Properties.ToDictionary(property => property.Name, property => property.PropertyType);
        foreach (var path in columns.Select(column => CrdSchema.Text(column, "jsonPath")).Where(path => path.StartsWith(".status.", StringComparison.Ordinal)))
        {
            // A printer column shows one scalar: the status keeps a string for each.
            Assert.True(status.TryGetValue(path[".status.".Length..], out var type) && type == typeof(string), $"{path} is not a string field of CaRotationStatus");
        }
    }

    internal static void Compare(JsonTypeInfo info, YamlMappingNode schema, string path, List<string> problems)
    {
        var schemaType = CrdSchema.Find(schema, "type") is YamlScalarNode scalar ? scalar.Value : null;
        var expected = SchemaTypeOf(info);
        if (schemaType != expected)
        {
            problems.Add($"{path}: the C# type {(Nullable.GetUnderlyingType(info.Type) ?? info.Type).Name} serializes as {expected}, the CRD says {schemaType ?? "nothing"}");
            return;
        }

        if (info.Type == typeof(V1ObjectMeta))
        {
            return; // The API server owns metadata's schema.
        }

        if (info.Kind == JsonTypeInfoKind.Enumerable)
        {
            Compare(info.Options.GetTypeInfo(info.ElementType!), CrdSchema.Child(schema, "items"), $"{path}[]", problems);
            return;
        }

        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        var declared = CrdSchema.Find(schema, "properties") as YamlMappingNode;
        var names = declared?.Children.Keys.Select(key => ((YamlScalarNode)key).Value!).ToHashSet() ?? [];
        foreach (var property in info.Properties)
        {
            if (!names.Contains(property.Name))
            {
                problems.Add($"{path}.{property.Name}: in the C# types, not in the CRD");
                continue;
            }

            Compare(info.Options.GetTypeInfo(property.PropertyType), CrdSchema.Child(declared!, property.Name), $"{path}.{property.Name}", problems);
        }

        problems.AddRange(names.Except(info.Properties.Select(property => property.Name)).Select(name => $"{path}.{name}: in the CRD, not in the C# types"));
    }

    internal static void CheckRequired(JsonTypeInfo info, YamlMappingNode schema, string path, List<string> problems)
    {
        if (info.Type == typeof(V1ObjectMeta))
        {
            return;
        }

        if (info.Kind == JsonTypeInfoKind.Enumerable)
        {
            CheckRequired(info.Options.GetTypeInfo(info.ElementType!), CrdSchema.Child(schema, "items"), $"{path}[]", problems);
            return;
        }

        if (info.Kind != JsonTypeInfoKind.Object || CrdSchema.Find(schema, "properties") is not YamlMappingNode declared)
        {
            return;
        }

        var required = CrdSchema.Find(schema, "required") is YamlSequenceNode list
            ? list.Children.Select(node => ((YamlScalarNode)node).Value!).ToHashSet()
            : [];
        foreach (var property in info.Properties.Where(property => declared.Children.ContainsKey(new YamlScalarNode(property.Name))))
        {
            var nullable = Nullable.GetUnderlyingType(property.PropertyType) is not null || (!property.PropertyType.IsValueType && property.IsGetNullable);
            if (required.Contains(property.Name) && nullable)
            {
                problems.Add($"{path}.{property.Name}: required in the CRD, nullable in the C# types");
            }

            CheckRequired(info.Options.GetTypeInfo(property.PropertyType), CrdSchema.Child(declared, property.Name), $"{path}.{property.Name}", problems);
        }
    }

    private static string SchemaTypeOf(JsonTypeInfo info)
    {
        var type = Nullable.GetUnderlyingType(info.Type) ?? info.Type;
        return info.Kind switch
        {
            JsonTypeInfoKind.Object => "object",
            JsonTypeInfoKind.Enumerable => "array",
            _ when type == typeof(string) => "string",
            _ when type == typeof(bool) => "boolean",
            _ when type == typeof(int) || type == typeof(long) => "integer",
            _ => $"an unmapped type ({type.Name})",
        };
    }
}
