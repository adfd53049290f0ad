using System.Text.Json.Nodes;
using Orchestrator.Simulator.Tests.Support;

namespace Orchestrator.Simulator.Tests.Kubectl;

/// <summary>Real kubectl against a CustomResourceDefinition and its objects, as an operator would use them.</summary>
public sealed class CustomResourceKubectlTests(SimulationFixture fixture) : IClassFixture<SimulationFixture>
{
    private const string Namespace = CaSecretEditor.Namespace;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ApplyDefinitionThenObject_GetPatchDescribeAndDeleteWithFinalizer_BehaveAsOnARealCluster()
    {
        var kubectl = Support.Kubectl.For(fixture);
        var definition = Path.Combine(fixture.Directory, "widgets-crd.yaml");
        await File.WriteAllTextAsync(definition, TestDefinitions.WidgetYaml, Token);
        var widget = Path.Combine(fixture.Directory, "widget.json");
        var sent = TestDefinitions.NewWidget("gizmo", 3, Namespace);
        sent["metadata"]!["finalizers"] = new JsonArray("example.test/cleanup");
        await File.WriteAllTextAsync(widget, sent.ToJsonString(), Token);

        Assert.Contains("created", await kubectl.SucceedAsync("region1", "apply", "-f", definition), StringComparison.Ordinal);
        await kubectl.SucceedAsync("region1", "wait", "--for=condition=Established", "crd/widgets.example.test", "--timeout=30s");
        Assert.Contains("widget.example.test/gizmo created", await kubectl.SucceedAsync("region1", "apply", "-f", widget), StringComparison.Ordinal);

        var table = await kubectl.SucceedAsync("region1", "get", "widgets", "-n", Namespace);
        Assert.Matches(@"NAME\s+SIZE\s+PHASE\s+AGE", table);
        Assert.Matches(@"gizmo\s+3\s+\d+s", table);
        Assert.Matches(@"COLOR", await kubectl.SucceedAsync("region1", "get", "wd", "-n", Namespace, "-o", "wide"));

        await kubectl.SucceedAsync("region1", "patch", "widget", "gizmo", "-n", Namespace, "--type", "merge", "-p", "{\"spec\":{\"size\":5}}");
        Assert.Equal("2", await kubectl.SucceedAsync("region1", "get", "widget", "gizmo", "-n", Namespace, "-o", "jsonpath={.metadata.generation}"));
        await kubectl.SucceedAsync("region1", "patch", "widget", "gizmo", "-n", Namespace, "--type", "merge", "--subresource", "status", "-p", "{\"status\":{\"phase\":\"Ready\"}}");
        Assert.Equal("2 Ready", await kubectl.SucceedAsync("region1", "get", "widget", "gizmo", "-n", Namespace, "-o", "jsonpath={.metadata.generation} {.status.phase}"));
        Assert.Matches(@"gizmo\s+5\s+Ready", await kubectl.SucceedAsync("region1", "get", "widgets", "-n", Namespace));

        var described = await kubectl.SucceedAsync("region1", "describe", "widget", "gizmo", "-n", Namespace);
        Assert.Contains("Kind:         Widget", described, StringComparison.Ordinal);
        Assert.Matches(@"Phase:\s+Ready", described);

        var store = fixture.Store("region1");
        var type = store.FindType(TestDefinitions.Group, TestDefinitions.StorageVersion, TestDefinitions.Widgets)!;
        var openBefore = store.OpenWatches(type);
        var watching = kubectl.RunAsync("region1", null, "get", "widgets", "-n", Namespace, "--watch", "--output-watch-events", "--request-timeout=5s");
        await Orchestrator.Testing.Polling.UntilAsync(() => store.OpenWatches(type) > openBefore, "kubectl's watch is open");
        await kubectl.SucceedAsync("region1", "patch", "widget", "gizmo", "-n", Namespace, "--type", "merge", "-p", "{\"spec\":{\"size\":8}}");
        Assert.Matches(@"MODIFIED\s+gizmo\s+8\s+Ready", (await watching).StandardOutput);

        await kubectl.SucceedAsync("region1", "delete", "widget", "gizmo", "-n", Namespace, "--wait=false");
        Assert.NotEmpty(await kubectl.SucceedAsync("region1", "get", "widget", "gizmo", "-n", Namespace, "-o", "jsonpath={.metadata.deletionTimestamp}"));
        await kubectl.SucceedAsync("region1", "patch", "widget", "gizmo", "-n", Namespace, "--type", "merge", "-p", "{\"metadata\":{\"finalizers\":null}}");
        var gone = await kubectl.RunAsync("region1", null, "get", "widget", "gizmo", "-n", Namespace);
        Assert.Contains("NotFound", gone.ToString(), StringComparison.Ordinal);

        await kubectl.SucceedAsync("region1", "get", "events", "-n", Namespace);
        Assert.Contains("widgets.example.test", await kubectl.SucceedAsync("region1", "get", "crds"), StringComparison.Ordinal);
    }
}
