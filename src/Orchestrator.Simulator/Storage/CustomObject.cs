using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Orchestrator.Simulator.Storage;

/// <summary>An object of a custom resource: typed metadata, everything else kept as the JSON it was sent as.</summary>
[JsonConverter(typeof(CustomObjectConverter))]
internal sealed class CustomObject : IKubernetesObject<V1ObjectMeta>
{
    public string ApiVersion { get; set; } = string.Empty;

    public string Kind { get; set; } = string.Empty;

    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>Every top-level field but apiVersion, kind and metadata: spec, status and whatever the schema allows.</summary>
    public JsonObject Content { get; set; } = [];
}
