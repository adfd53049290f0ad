using System.Text.Json.Nodes;
using Orchestrator.Simulator.Patching;

namespace Orchestrator.Simulator.Tests.Patching;

/// <summary>Patches as kubectl apply, edit, annotate and label send them for a Secret.</summary>
public sealed class StrategicMergePatchSecretTests
{
    private const string Secret = """
        {"apiVersion":"v1","kind":"Secret",
         "metadata":{"name":"example-cluster-manual-tls-ca","namespace":"anton","uid":"0b6f","resourceVersion":"7",
                     "labels":{"app":"cassandra"},
                     "annotations":{"cassandra-cluster-checksum":"43de","kubectl.kubernetes.io/last-applied-configuration":"{\"old\":1}\n"}},
         "type":"Opaque","data":{"ca.crt":"Y2E=","ca.key":"a2V5"}}
        """;

    [Fact]
    public void Apply_KubectlApplyAddsDataKey_MergesDataAndReplacesLastAppliedAnnotation()
    {
        var patch = """
            {"data":{"ca2.crt":"eA=="},"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\"new\":2}\n"}}}
            """;

        var result = StrategicMergePatch.Apply(JsonNode.Parse(Secret), JsonNode.Parse(patch));

        Assert.Equal("""{"ca.crt":"Y2E=","ca.key":"a2V5","ca2.crt":"eA=="}""", result!["data"]!.ToJsonString());
        JsonAssert.Equal(
            """{"cassandra-cluster-checksum":"43de","kubectl.kubernetes.io/last-applied-configuration":"{\"new\":2}\n"}""",
            result["metadata"]!["annotations"]);
        Assert.Equal("0b6f", (string?)result["metadata"]!["uid"]);
        Assert.Equal("Opaque", (string?)result["type"]);
    }

    [Fact]
    public void Apply_KubectlEditDeletesDataKeyWithNull_RemovesOnlyThatKey()
    {
        var result = StrategicMergePatch.Apply(JsonNode.Parse(Secret), JsonNode.Parse("""{"data":{"ca.key":null}}"""));

        JsonAssert.Equal("""{"ca.crt":"Y2E="}""", result!["data"]);
    }

    [Fact]
    public void Apply_KubectlApplyReplacesDataValue_KeepsKeyPosition()
    {
        var result = StrategicMergePatch.Apply(JsonNode.Parse(Secret), JsonNode.Parse("""{"data":{"ca.crt":"bmV3"}}"""));

        JsonAssert.Equal("""{"ca.crt":"bmV3","ca.key":"a2V5"}""", result!["data"]);
    }

    [Fact]
    public void Apply_KubectlAnnotateAndRemoveAnnotation_MergesAnnotationMap()
    {
        var patch = """{"metadata":{"annotations":{"cassandra-cluster-checksum":null,"rotation":"r1"}}}""";

        var result = StrategicMergePatch.Apply(JsonNode.Parse(Secret), JsonNode.Parse(patch));

        JsonAssert.Equal(
            """{"kubectl.kubernetes.io/last-applied-configuration":"{\"old\":1}\n","rotation":"r1"}""",
            result!["metadata"]!["annotations"]);
    }

    [Fact]
    public void Apply_KubectlLabelOnObjectWithoutLabels_CreatesMapWithoutNulls()
    {
        var target = JsonNode.Parse("""{"metadata":{"name":"s"},"data":{}}""");

        var result = StrategicMergePatch.Apply(target, JsonNode.Parse("""{"metadata":{"labels":{"tier":"db","gone":null}}}"""));

        JsonAssert.Equal("""{"metadata":{"name":"s","labels":{"tier":"db"}},"data":{}}""", result);
    }

    [Fact]
    public void Apply_StringDataAndTypeChange_PatchValueWins()
    {
        var result = StrategicMergePatch.Apply(
            JsonNode.Parse("""{"data":"not-a-map","type":"Opaque"}"""),
            JsonNode.Parse("""{"data":{"a":"eA==","b":null},"type":"kubernetes.io/tls"}"""));

        JsonAssert.Equal("""{"data":{"a":"eA=="},"type":"kubernetes.io/tls"}""", result);
    }

    [Fact]
    public void Apply_ReplaceDirectiveOnDataMap_DropsKeysNotInPatch()
    {
        var result = StrategicMergePatch.Apply(
            JsonNode.Parse(Secret),
            JsonNode.Parse("""{"data":{"$patch":"replace","ca2.crt":"eA=="}}"""));

        JsonAssert.Equal("""{"ca2.crt":"eA=="}""", result!["data"]);
    }

    [Fact]
    public void Apply_DeleteDirectiveOnExistingMap_LeavesEmptyMapLikeKubernetes()
    {
        // k8s patch_test.go "delete map from nested map": simpleMap {$patch: delete} gives simpleMap {}.
        var result = StrategicMergePatch.Apply(JsonNode.Parse(Secret), JsonNode.Parse("""{"data":{"$patch":"delete"}}"""));

        JsonAssert.Equal("{}", result!["data"]);
    }

    [Fact]
    public void Apply_DeleteDirectiveOnMissingMap_AddsNothing()
    {
        var result = StrategicMergePatch.Apply(
            JsonNode.Parse("""{"metadata":{"name":"s"}}"""),
            JsonNode.Parse("""{"stringData":{"$patch":"delete"}}"""));

        JsonAssert.Equal("""{"metadata":{"name":"s"}}""", result);
    }

    [Fact]
    public void Apply_TopLevelReplaceDirective_GivesPatchWithoutDirective()
    {
        // k8s patch_test.go "add key and delete all keys from map".
        var result = StrategicMergePatch.Apply(JsonNode.Parse("""{"name":1,"value":1}"""), JsonNode.Parse("""{"other":"a","$patch":"replace"}"""));

        JsonAssert.Equal("""{"other":"a"}""", result);
    }

    [Fact]
    public void Apply_NullPatch_ReturnsCopyOfTarget()
    {
        var target = JsonNode.Parse(Secret);

        var result = StrategicMergePatch.Apply(target, null);

        Assert.NotSame(target, result);
        JsonAssert.Equal(Secret, result);
    }

    [Fact]
    public void Apply_Always_LeavesInputsUnchanged()
    {
        var target = JsonNode.Parse(Secret);
        var patch = JsonNode.Parse("""{"data":{"ca.key":null,"x":"eA=="},"metadata":{"labels":{"$patch":"replace","a":"b"}}}""");
        var targetBefore = target!.ToJsonString();
        var patchBefore = patch!.ToJsonString();

        var result = StrategicMergePatch.Apply(target, patch);
        result!["metadata"]!["labels"]!["a"] = "changed";

        Assert.Equal(targetBefore, target.ToJsonString());
        Assert.Equal(patchBefore, patch.ToJsonString());
    }

    [Theory]
    [InlineData("""["a"]""", "the patch must be a JSON object")]
    [InlineData("""{"data":{"$patch":"merge"}}""", "unknown patch type \"merge\" in map at \"data\"")]
    [InlineData("""{"data":{"$patch":"remove"}}""", "unknown patch type \"remove\" in map at \"data\"")]
    [InlineData("""{"metadata":{"$patch":5}}""", "unknown patch type \"5\" in map at \"metadata\"")]
    [InlineData("""{"data":{"$unknown":1}}""", "unknown directive \"$unknown\" at \"data\"")]
    public void Apply_InvalidDirective_ThrowsPatchExceptionNamingIt(string patch, string expectedMessagePart)
    {
        var error = Assert.Throws<PatchException>(() => StrategicMergePatch.Apply(JsonNode.Parse(Secret), JsonNode.Parse(patch)));

        Assert.Contains(expectedMessagePart, error.Message, StringComparison.Ordinal);
    }
}
