using k8s;
using k8s.Models;
using Orchestrator.Controller.Resources;
using Orchestrator.Controller.Serving;
using Orchestrator.Controller.Tests.Support;
using Orchestrator.Kubernetes;

namespace Orchestrator.Controller.Tests.Serving;

/// <summary>The controller's CaRotation calls against the simulated API server: list, watch, status and metadata patches.</summary>
public sealed class CaRotationApiTests(SimulationFixture fixture) : IClassFixture<SimulationFixture>
{
    private readonly string _namespace = "api-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task StatusPatch_SetsEveryField_AndRemovesWhatTheNewStatusLeavesOut()
    {
        var api = await ApiAsync();
        await CreateAsync(api, "one");

        await api.PatchStatusAsync("one", Examples.Status(), TestContext.Current.CancellationToken);
        Assert.Equal(Examples.Status(), (await api.FindAsync("one", TestContext.Current.CancellationToken))!.Status);

        var later = new CaRotationStatus(State: "Succeeded", ObservedGeneration: 1, Message: "done");
        await api.PatchStatusAsync("one", later, TestContext.Current.CancellationToken);
        Assert.Equal(later, (await api.FindAsync("one", TestContext.Current.CancellationToken))!.Status);
    }

    [Fact]
    public async Task MetadataPatch_UnderAStaleVersion_Conflicts_AndAnAnnotationSetToNullGoes()
    {
        var api = await ApiAsync();
        var created = await CreateAsync(api, "two");
        var changed = await api.PatchMetadataAsync(created, ["example.io/hold"], new Dictionary<string, string?> { ["example.io/note"] = "x" }, TestContext.Current.CancellationToken);
        Assert.Equal(["example.io/hold"], changed.Metadata.Finalizers);
        Assert.Equal("x", changed.Metadata.Annotations["example.io/note"]);

        var stale = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() => api.PatchMetadataAsync(created, [], null, TestContext.Current.CancellationToken));
        Assert.Equal(System.Net.HttpStatusCode.Conflict, stale.Response.StatusCode);

        var cleared = await api.PatchMetadataAsync(changed, [], new Dictionary<string, string?> { ["example.io/note"] = null }, TestContext.Current.CancellationToken);
        Assert.Empty(cleared.Metadata.Finalizers ?? []);
        Assert.False(cleared.Metadata.Annotations?.ContainsKey("example.io/note") ?? false);
    }

    [Fact]
    public async Task ListThenWatch_SeesChangesAfterTheListsVersion()
    {
        var api = await ApiAsync();
        await CreateAsync(api, "three");
        var (items, version) = await api.ListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["three"], items.Select(item => item.Metadata.Name));

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        stop.CancelAfter(TimeSpan.FromSeconds(30));
        var seen = new List<(WatchEventType, string)>();
        var watching = Task.Run(
            async () =>
            {
                await foreach (var (type, rotation, _) in api.WatchAsync(version, stop.Token))
                {
                    if (rotation is not null)
                    {
                        seen.Add((type, rotation.Metadata.Name));
                        if (type == WatchEventType.Added)
                        {
                            return;
                        }
                    }
                }
            },
            TestContext.Current.CancellationToken);
        await CreateAsync(api, "four");
        await watching;

        Assert.Equal([(WatchEventType.Added, "four")], seen);
    }

    private async Task<CaRotationApi> ApiAsync()
    {
        var client = ClusterClients.Create(KubernetesClientConfiguration.BuildConfigFromConfigFile(fixture.Simulation.KubeconfigPath));
        await CrdAsync(client);
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = _namespace } }, cancellationToken: TestContext.Current.CancellationToken);
        return new CaRotationApi(client, _namespace);
    }

    private static async Task CrdAsync(IKubernetes client)
    {
        var definition = KubernetesYaml.Deserialize<V1CustomResourceDefinition>(await File.ReadAllTextAsync(DeployFiles.PathOf(DeployFiles.CaRotationDefinition), TestContext.Current.CancellationToken));
        try
        {
            await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(definition, cancellationToken: TestContext.Current.CancellationToken);
        }
        catch (k8s.Autorest.HttpOperationException exists) when (exists.Response.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            // Made by another test of this class.
        }
    }

    private async Task<CaRotation> CreateAsync(CaRotationApi api, string name)
    {
        var rotation = new CaRotation { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = _namespace }, Spec = Examples.Spec() };
        var client = ClusterClients.Create(KubernetesClientConfiguration.BuildConfigFromConfigFile(fixture.Simulation.KubeconfigPath));
        var body = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(rotation, CaRotationJsonContext.Default.CaRotation))!;
        await client.CustomObjects.CreateNamespacedCustomObjectAsync(body, CaRotationDefinition.Group, CaRotationDefinition.Version, _namespace, CaRotationDefinition.Plural, cancellationToken: TestContext.Current.CancellationToken);
        return (await api.FindAsync(name, TestContext.Current.CancellationToken))!;
    }
}
