using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Orchestrator.Simulator.Tests.Support;

/// <summary>
/// Two small CustomResourceDefinitions of the group <c>example.test</c>: namespaced Widgets (status subresource,
/// printer columns, short name, category) and cluster-scoped Gadgets (neither, and a spec that keeps unknown fields).
/// </summary>
internal static class TestDefinitions
{
    public const string Group = "example.test";
    public const string StorageVersion = "v1";
    public const string Widgets = "widgets";
    public const string Gadgets = "gadgets";

    public const string WidgetYaml = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.example.test
        spec:
          group: example.test
          scope: Namespaced
          names:
            plural: widgets
            singular: widget
            kind: Widget
            shortNames: [wd]
            categories: [example]
          versions:
          - name: v1
            served: true
            storage: true
            subresources:
              status: {}
            additionalPrinterColumns:
            - name: Size
              type: integer
              jsonPath: .spec.size
            - name: Color
              type: string
              jsonPath: .spec.color
              priority: 1
            - name: Phase
              type: string
              jsonPath: .status.phase
            - name: Age
              type: date
              jsonPath: .metadata.creationTimestamp
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      size: {type: integer}
                      color: {type: string}
                      parts:
                        type: array
                        items:
                          type: object
                          properties:
                            name: {type: string}
                  status:
                    type: object
                    properties:
                      phase: {type: string}
        """;

    public const string GadgetYaml = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: gadgets.example.test
        spec:
          group: example.test
          scope: Cluster
          names:
            plural: gadgets
            kind: Gadget
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    x-kubernetes-preserve-unknown-fields: true
                  status:
                    type: object
                    x-kubernetes-preserve-unknown-fields: true
        """;

    public static V1CustomResourceDefinition Widget() => KubernetesYaml.Deserialize<V1CustomResourceDefinition>(WidgetYaml);

    public static V1CustomResourceDefinition Gadget() => KubernetesYaml.Deserialize<V1CustomResourceDefinition>(GadgetYaml);

    /// <summary>Creates the definition unless a test before has.</summary>
    public static async Task InstallAsync(Kubernetes client, V1CustomResourceDefinition definition, CancellationToken cancellationToken)
    {
        try
        {
            await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(definition, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException exists) when (exists.Response.StatusCode == HttpStatusCode.Conflict)
        {
        }
    }

    public static JsonObject NewWidget(string name, int size, string? ns = null, IDictionary<string, string>? labels = null)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (ns is not null)
        {
            metadata["namespace"] = ns;
        }

        if (labels is not null)
        {
            metadata["labels"] = new JsonObject(labels.Select(label => KeyValuePair.Create(label.Key, (JsonNode?)label.Value)));
        }

        return new JsonObject
        {
            ["apiVersion"] = $"{Group}/{StorageVersion}",
            ["kind"] = "Widget",
            ["metadata"] = metadata,
            ["spec"] = new JsonObject { ["size"] = size, ["color"] = "blue" },
        };
    }

    /// <summary>What the client's custom-object operations return (a JsonElement), as a node to read and change.</summary>
    public static JsonObject Node(object value) =>
        JsonSerializer.SerializeToNode(value)?.AsObject() ?? throw new InvalidOperationException("the server returned no object");
}
