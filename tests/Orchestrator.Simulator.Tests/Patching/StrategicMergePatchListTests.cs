using System.Text.Json.Nodes;
using Orchestrator.Simulator.Patching;

namespace Orchestrator.Simulator.Tests.Patching;

/// <summary>
/// Lists with and without a merge key. Cases marked "k8s" are from customStrategicMergePatchTestCaseData
/// and customStrategicMergePatchRawTestCases in apimachinery's strategicpatch/patch_test.go, moved onto
/// real fields with the same strategy.
/// </summary>
public sealed class StrategicMergePatchListTests
{
    private const string StatefulSet = """
        {"kind":"StatefulSet","spec":{"replicas":3,"template":{"spec":{
          "containers":[
            {"name":"cassandra","image":"cassandra:4","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],
             "ports":[{"containerPort":9042,"name":"cql"},{"containerPort":7000,"name":"intra"}],
             "volumeMounts":[{"mountPath":"/etc/tls","name":"tls"}]},
            {"name":"sidecar","image":"busybox"}],
          "volumes":[{"name":"tls","secret":{"secretName":"ca"}},{"name":"data","emptyDir":{}}],
          "tolerations":[{"key":"a","operator":"Exists"}]}}}}
        """;

    private static JsonNode? Patch(string target, string patch)
    {
        var result = StrategicMergePatch.Apply(JsonNode.Parse(target), JsonNode.Parse(patch));
        JsonAssert.NoDirectives(result);
        return result;
    }

    private static JsonNode PodSpec(JsonNode? statefulSet) => statefulSet!["spec"]!["template"]!["spec"]!;

    [Fact]
    public void Apply_ContainerEnvByName_MergesChangedAndAddsNewAfterServerElements()
    {
        var patch = """
            {"spec":{"template":{"spec":{"containers":[{"name":"cassandra","env":[{"name":"B","value":"3"},{"name":"C","value":"4"}]}]}}}}
            """;

        var spec = PodSpec(Patch(StatefulSet, patch));

        JsonAssert.Equal("""[{"name":"A","value":"1"},{"name":"B","value":"3"},{"name":"C","value":"4"}]""", spec["containers"]![0]!["env"]);
        Assert.Equal("cassandra:4", (string?)spec["containers"]![0]!["image"]);
        Assert.Equal("sidecar", (string?)spec["containers"]![1]!["name"]);
    }

    [Fact]
    public void Apply_DeleteDirectiveInList_RemovesElementWithThatKey()
    {
        var patch = """{"spec":{"template":{"spec":{"containers":[{"$patch":"delete","name":"sidecar"}]}}}}""";

        var containers = PodSpec(Patch(StatefulSet, patch))["containers"]!.AsArray();

        Assert.Equal("cassandra", (string?)Assert.Single(containers)!["name"]);
    }

    [Fact]
    public void Apply_DeleteDirectiveInList_RemovesAllDuplicates()
    {
        // k8s "delete all duplicate entries in a merging list".
        var target = """{"spec":{"volumes":[{"name":"1"},{"name":"1"},{"name":"2","emptyDir":{}},{"name":"3"},{"name":"3"}]}}""";
        var patch = """{"spec":{"volumes":[{"name":"1","$patch":"delete"},{"name":"3","$patch":"delete"}]}}""";

        JsonAssert.Equal("""[{"name":"2","emptyDir":{}}]""", Patch(target, patch)!["spec"]!["volumes"]);
    }

    [Fact]
    public void Apply_ReplaceDirectiveElement_ReplacesWholeList()
    {
        var patch = """{"spec":{"template":{"spec":{"volumes":[{"$patch":"replace"},{"name":"certs","secret":{"secretName":"new","optional":null}}]}}}}""";

        JsonAssert.Equal("""[{"name":"certs","secret":{"secretName":"new"}}]""", PodSpec(Patch(StatefulSet, patch))["volumes"]);
    }

    [Fact]
    public void Apply_ReplaceDirectiveElementAlone_EmptiesList()
    {
        // k8s "delete all items from merging list".
        var patch = """{"spec":{"template":{"spec":{"volumes":[{"$patch":"replace"}]}}}}""";

        JsonAssert.Equal("[]", PodSpec(Patch(StatefulSet, patch))["volumes"]);
    }

    [Fact]
    public void Apply_EmptyMergingList_ChangesNothing()
    {
        // k8s "merge empty merging lists": an empty patch list has nothing to merge.
        var patch = """{"spec":{"template":{"spec":{"containers":[]}}}}""";

        Assert.Equal(2, PodSpec(Patch(StatefulSet, patch))["containers"]!.AsArray().Count);
    }

    [Fact]
    public void Apply_RetainKeysInVolume_DropsFieldsNotListed()
    {
        // kubectl sends $retainKeys for volumes (patchStrategy "merge,retainKeys") when the source changes.
        var patch = """
            {"spec":{"template":{"spec":{"$setElementOrder/volumes":[{"name":"tls"},{"name":"data"}],
              "volumes":[{"$retainKeys":["name","projected"],"name":"tls","projected":{"sources":[{"secret":{"name":"ca"}}]}}]}}}}
            """;

        var volumes = PodSpec(Patch(StatefulSet, patch))["volumes"];

        JsonAssert.Equal("""[{"name":"tls","projected":{"sources":[{"secret":{"name":"ca"}}]}},{"name":"data","emptyDir":{}}]""", volumes);
    }

    [Fact]
    public void Apply_RetainKeysMissingAFieldThePatchSets_Throws()
    {
        var patch = """{"spec":{"template":{"spec":{"volumes":[{"$retainKeys":["name"],"name":"tls","emptyDir":{}}]}}}}""";

        var error = Assert.Throws<PatchException>(() => Patch(StatefulSet, patch));

        Assert.Contains("field \"emptyDir\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("$retainKeys", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_PortsAndVolumeMounts_MergeByContainerPortAndMountPath()
    {
        var patch = """
            {"spec":{"template":{"spec":{"containers":[{"name":"cassandra",
              "ports":[{"containerPort":7000,"name":"gossip"}],
              "volumeMounts":[{"mountPath":"/etc/tls","readOnly":true}]}]}}}}
            """;

        var container = PodSpec(Patch(StatefulSet, patch))["containers"]![0]!;

        JsonAssert.Equal("""[{"containerPort":9042,"name":"cql"},{"containerPort":7000,"name":"gossip"}]""", container["ports"]);
        JsonAssert.Equal("""[{"mountPath":"/etc/tls","name":"tls","readOnly":true}]""", container["volumeMounts"]);
    }

    [Fact]
    public void Apply_TolerationsAndEnvFrom_AreReplacedWholesale()
    {
        var target = """{"spec":{"tolerations":[{"key":"a"}],"containers":[{"name":"c","envFrom":[{"secretRef":{"name":"x"}}]}]}}""";
        var patch = """{"spec":{"tolerations":[{"key":"b"}],"containers":[{"name":"c","envFrom":[{"configMapRef":{"name":"y"}}]}]}}""";

        var result = Patch(target, patch);

        JsonAssert.Equal("""{"spec":{"tolerations":[{"key":"b"}],"containers":[{"name":"c","envFrom":[{"configMapRef":{"name":"y"}}]}]}}""", result);
    }

    [Fact]
    public void Apply_FinalizersMerge_AddsAsSetWithoutDuplicates()
    {
        // k8s "unique scalars when merging lists".
        var result = Patch("""{"metadata":{"finalizers":["a","b"]}}""", """{"metadata":{"finalizers":["b","c"]}}""");

        JsonAssert.Equal("""["a","b","c"]""", result!["metadata"]!["finalizers"]);
    }

    [Fact]
    public void Apply_DeleteFromPrimitiveListFinalizers_RemovesThoseValues()
    {
        // What kubectl apply sends when a finalizer leaves the applied configuration.
        var patch = """{"metadata":{"$deleteFromPrimitiveList/finalizers":["a"],"$setElementOrder/finalizers":["b"]}}""";

        var result = Patch("""{"metadata":{"finalizers":["a","b","server-added"]}}""", patch);

        JsonAssert.Equal("""["b","server-added"]""", result!["metadata"]!["finalizers"]);
    }

    [Fact]
    public void Apply_DeleteFromPrimitiveListOnMissingList_ChangesNothing()
    {
        var result = Patch("""{"metadata":{"name":"n"}}""", """{"metadata":{"$deleteFromPrimitiveList/finalizers":["a"]}}""");

        JsonAssert.Equal("""{"metadata":{"name":"n"}}""", result);
    }

    [Fact]
    public void Apply_NamespaceSpecFinalizers_AreReplacedUnlikeMetadataFinalizers()
    {
        var target = """{"metadata":{"finalizers":["x"]},"spec":{"finalizers":["kubernetes"]}}""";
        var patch = """{"metadata":{"finalizers":["y"]},"spec":{"finalizers":["other"]}}""";

        var result = Patch(target, patch);

        JsonAssert.Equal("""{"metadata":{"finalizers":["y","x"]},"spec":{"finalizers":["other"]}}""", result);
    }

    [Fact]
    public void Apply_OwnerReferencesAndConditions_MergeByUidAndType()
    {
        var target = """
            {"metadata":{"ownerReferences":[{"uid":"u1","name":"cc","controller":true}]},
             "status":{"conditions":[{"type":"Ready","status":"False"},{"type":"PodScheduled","status":"True"}]}}
            """;
        var patch = """
            {"metadata":{"ownerReferences":[{"uid":"u1","blockOwnerDeletion":true}]},
             "status":{"conditions":[{"type":"Ready","status":"True"}]}}
            """;

        var result = Patch(target, patch);

        JsonAssert.Equal("""[{"uid":"u1","name":"cc","controller":true,"blockOwnerDeletion":true}]""", result!["metadata"]!["ownerReferences"]);
        JsonAssert.Equal("""[{"type":"Ready","status":"True"},{"type":"PodScheduled","status":"True"}]""", result["status"]!["conditions"]);
    }

    [Fact]
    public void Apply_NewListWithDirectives_IsCreatedWithoutThem()
    {
        var target = """{"spec":{}}""";
        var patch = """
            {"spec":{"containers":[{"name":"a","env":[{"name":"X","value":"1"},{"name":"Y","$patch":"delete"}],"args":null},
                                   {"$patch":"replace"}]}}
            """;

        JsonAssert.Equal("""{"spec":{"containers":[{"name":"a","env":[{"name":"X","value":"1"}]}]}}""", Patch(target, patch));
    }

    [Fact]
    public void Apply_ObjectsInMergedPrimitiveList_ThrowsForMissingMergeKey()
    {
        var error = Assert.Throws<PatchException>(() => Patch("""{"metadata":{}}""", """{"metadata":{"finalizers":[{"name":"a"}]}}"""));

        Assert.Contains("cannot merge the objects of list \"metadata.finalizers\" without a merge key", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"spec":{"containers":[{"image":"x"}]}}""", "does not contain the merge key \"name\"")]
    [InlineData("""{"spec":{"containers":[{"$patch":"delete"}]}}""", "does not contain the merge key \"name\"")]
    [InlineData("""{"spec":{"containers":[{"name":"c","$patch":"merge"}]}}""", "\"$patch: merge\" in list \"spec.containers\"")]
    [InlineData("""{"spec":{"containers":[{"name":"c","$patch":"keep"}]}}""", "unknown patch type \"keep\" in an element of list \"spec.containers\"")]
    [InlineData("""{"spec":{"containers":["c"]}}""", "not all of one JSON type")]
    [InlineData("""{"metadata":{"finalizers":[["a"]]}}""", "contains lists")]
    [InlineData("""{"spec":{"$setElementOrder/containers":{"name":"c"}}}""", "$setElementOrder/containers at \"spec\" must be a list")]
    [InlineData("""{"metadata":{"$deleteFromPrimitiveList/finalizers":"a"}}""", "$deleteFromPrimitiveList/finalizers at \"metadata\" must be a list")]
    [InlineData("""{"spec":{"$retainKeys":"name"}}""", "$retainKeys at \"spec\" must be a list")]
    public void Apply_InvalidListPatch_ThrowsPatchExceptionNamingIt(string patch, string expectedMessagePart)
    {
        var target = """{"metadata":{"finalizers":["a"]},"spec":{"containers":[{"name":"c"}]}}""";

        var error = Assert.Throws<PatchException>(() => Patch(target, patch));

        Assert.Contains(expectedMessagePart, error.Message, StringComparison.Ordinal);
    }
}
