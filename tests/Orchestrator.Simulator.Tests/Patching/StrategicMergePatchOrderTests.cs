using System.Text.Json.Nodes;
using Orchestrator.Simulator.Patching;

namespace Orchestrator.Simulator.Tests.Patching;

/// <summary>
/// Element order of merged lists and <c>$setElementOrder</c>. Cases marked "k8s" are from apimachinery's
/// strategicpatch/patch_test.go, moved onto real fields with the same strategy.
/// </summary>
public sealed class StrategicMergePatchOrderTests
{
    private const string StatefulSet = """
        {"kind":"StatefulSet","spec":{"template":{"spec":{
          "containers":[
            {"name":"cassandra","image":"cassandra:4","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]},
            {"name":"sidecar","image":"busybox"}]}}}}
        """;

    private static JsonNode? Patch(string target, string patch)
    {
        var result = StrategicMergePatch.Apply(JsonNode.Parse(target), JsonNode.Parse(patch));
        JsonAssert.NoDirectives(result);
        return result;
    }

    private static JsonNode PodSpec(JsonNode? statefulSet) => statefulSet!["spec"]!["template"]!["spec"]!;

    [Fact]
    public void Apply_KubectlApplyWithSetElementOrder_MergesAndUsesDirectiveOrder()
    {
        // The shape kubectl apply sends when a container is added between two and one env var changes.
        var patch = """
            {"spec":{"template":{"spec":{
              "$setElementOrder/containers":[{"name":"cassandra"},{"name":"exporter"},{"name":"sidecar"}],
              "containers":[
                {"$setElementOrder/env":[{"name":"B"},{"name":"A"}],"env":[{"name":"B","value":"9"}],"name":"cassandra"},
                {"image":"exporter:1","name":"exporter"}]}}}}
            """;

        var spec = PodSpec(Patch(StatefulSet, patch));

        var names = spec["containers"]!.AsArray().Select(container => (string?)container!["name"]);
        Assert.Equal(["cassandra", "exporter", "sidecar"], names);
        JsonAssert.Equal("""[{"name":"B","value":"9"},{"name":"A","value":"1"}]""", spec["containers"]![0]!["env"]);
    }

    [Fact]
    public void Apply_NewElementWithoutSetElementOrder_GoesFirstLikeKubernetes()
    {
        // Go's mergeSortedSlice puts elements the server did not have before the server's own.
        var patch = """{"spec":{"template":{"spec":{"containers":[{"name":"exporter","image":"exporter:1"}]}}}}""";

        var names = PodSpec(Patch(StatefulSet, patch))["containers"]!.AsArray().Select(container => (string?)container!["name"]);

        Assert.Equal(["exporter", "cassandra", "sidecar"], names);
    }

    [Fact]
    public void Apply_PatchOrderOfKnownElements_IsKept()
    {
        // k8s "preserve the order from the patch in a merging list 2".
        var target = """{"spec":{"containers":[{"name":"1"},{"name":"2","image":"b"},{"name":"3"}]}}""";
        var patch = """{"spec":{"containers":[{"name":"3","image":"c"},{"name":"1","image":"a"}]}}""";

        var result = Patch(target, patch);

        JsonAssert.Equal("""[{"name":"2","image":"b"},{"name":"3","image":"c"},{"name":"1","image":"a"}]""", result!["spec"]!["containers"]);
    }

    [Fact]
    public void Apply_SetElementOrderNamingMissingElement_IgnoresIt()
    {
        // k8s "$setElementOrder contains item that is not present in the list to be merged".
        var target = """{"spec":{"containers":[{"name":"1"},{"name":"3"}]}}""";
        var patch = """
            {"spec":{"$setElementOrder/containers":[{"name":"3"},{"name":"2"},{"name":"1"}],
                     "containers":[{"name":"3","image":"3"},{"name":"1","image":"1"}]}}
            """;

        JsonAssert.Equal("""[{"name":"3","image":"3"},{"name":"1","image":"1"}]""", Patch(target, patch)!["spec"]!["containers"]);
    }

    [Fact]
    public void Apply_SetElementOrderAlone_ReordersPrimitiveList()
    {
        // k8s "$setElementOrder contains item that is not present in the int list to be merged".
        var result = Patch("""{"metadata":{"finalizers":["1","3"]}}""", """{"metadata":{"$setElementOrder/finalizers":["3","2","1"]}}""");

        JsonAssert.Equal("""["3","1"]""", result!["metadata"]!["finalizers"]);
    }

    [Fact]
    public void Apply_SetElementOrderDisagreeingWithPatchList_Throws()
    {
        // k8s "should check if order in $setElementOrder and patch list match".
        var target = """{"spec":{"containers":[{"name":"1"},{"name":"3"},{"name":"2"}]}}""";
        var patch = """
            {"spec":{"$setElementOrder/containers":[{"name":"1"},{"name":"2"},{"name":"3"}],
                     "containers":[{"name":"3","image":"3"},{"name":"1","image":"1"}]}}
            """;

        var error = Assert.Throws<PatchException>(() => Patch(target, patch));

        Assert.Contains("doesn't match $setElementOrder/containers", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_KubectlApplyRemovesContainer_DeletesItAndOrdersTheRest()
    {
        // kubectl apply sends a delete element next to the order of what remains.
        var patch = """
            {"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"sidecar"}],
              "containers":[{"$patch":"delete","name":"cassandra"}]}}}}
            """;

        JsonAssert.Equal("""[{"name":"sidecar","image":"busybox"}]""", PodSpec(Patch(StatefulSet, patch))["containers"]);
    }
}
