using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Controller.Resources;
using Orchestrator.Controller.Tests.Support;

namespace Orchestrator.Controller.Tests.Resources;

/// <summary>A CaRotation written as JSON and read back is the same CaRotation, in the CRD's field names.</summary>
public sealed class CaRotationJsonTests
{
    [Fact]
    public void Serialize_ThenDeserialize_GivesTheSameRotation()
    {
        var sent = Examples.Rotation();

        var json = JsonSerializer.Serialize(sent, CaRotationJsonContext.Default.CaRotation);
        var read = JsonSerializer.Deserialize(json, CaRotationJsonContext.Default.CaRotation)!;

        Assert.Equal(sent.Spec, read.Spec);
        Assert.Equal(sent.Status, read.Status);
        Assert.Equal((sent.ApiVersion, sent.Kind), (read.ApiVersion, read.Kind));
        Assert.Equal((sent.Metadata.Name, sent.Metadata.NamespaceProperty, sent.Metadata.Generation), (read.Metadata.Name, read.Metadata.NamespaceProperty, read.Metadata.Generation));
        Assert.Equal(json, JsonSerializer.Serialize(read, CaRotationJsonContext.Default.CaRotation));
    }

    [Fact]
    public void Serialize_AbsentFields_AreLeftOutAndNamesAreCamelCase()
    {
        var json = JsonNode.Parse(JsonSerializer.Serialize(Examples.Rotation(), CaRotationJsonContext.Default.CaRotation))!;

        Assert.Equal("cassandra.orchestrator.io/v1alpha1", (string?)json["apiVersion"]);
        Assert.Equal("us-east-kubeconfig", (string?)json["spec"]!["regions"]![1]!["kubeconfigSecretRef"]!["name"]);
        Assert.False(json["spec"]!["regions"]![0]!.AsObject().ContainsKey("kubeconfigSecretRef"));
        Assert.False(json["status"]!["steps"]![0]!.AsObject().ContainsKey("region"));
        Assert.Equal("9/13", (string?)json["status"]!["stepText"]);
        Assert.Equal("1/3 example-cluster-cassandra-dc1", (string?)json["status"]!["progressText"]);
    }
}
