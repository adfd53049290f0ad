using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Orchestrator.Simulator.Storage;
using Orchestrator.Simulator.Tests.Support;
using Orchestrator.Testing;
using static Orchestrator.Simulator.Tests.Support.TestDefinitions;

namespace Orchestrator.Simulator.Tests.Crds;

/// <summary>CustomResourceDefinitions and the kinds they define, through the client library's own operations.</summary>
public sealed class CustomResourceApiTests(SimulationFixture fixture) : IClassFixture<SimulationFixture>
{
    private const string Namespace = CaSecretEditor.Namespace;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateDefinition_NamesAcceptedThenEstablished_AndStorageVersionRecorded()
    {
        using var client = fixture.Client();
        await InstallAsync(client, Widget(), Token);

        var definition = await client.ApiextensionsV1.ReadCustomResourceDefinitionAsync("widgets.example.test", cancellationToken: Token);

        Assert.Equal(1, definition.Metadata.Generation);
        Assert.Equal(["v1"], definition.Status.StoredVersions);
        Assert.Equal("WidgetList", definition.Spec.Names.ListKind);
        Assert.Equal("Widget", definition.Status.AcceptedNames.Kind);
        Assert.Equal(["wd"], definition.Status.AcceptedNames.ShortNames);
        var names = Assert.Single(definition.Status.Conditions, condition => condition.Type == "NamesAccepted");
        Assert.Equal(("True", "NoConflicts", "no conflicts found"), (names.Status, names.Reason, names.Message));
        var established = Assert.Single(definition.Status.Conditions, condition => condition.Type == "Established");
        Assert.Equal(("True", "InitialNamesAccepted", "the initial names have been accepted"), (established.Status, established.Reason, established.Message));
        var listed = await client.ApiextensionsV1.ListCustomResourceDefinitionAsync(cancellationToken: Token);
        Assert.Contains(listed.Items, item => item.Metadata.Name == "widgets.example.test");
    }

    [Fact]
    public async Task CreateDefinition_KindAnotherDefinitionOfTheGroupHolds_NamesNotAcceptedAndNotServed()
    {
        using var client = fixture.Client();
        await InstallAsync(client, Widget(), Token);
        var rival = Widget();
        rival.Metadata.Name = "rivals.example.test";
        rival.Spec.Names = new V1CustomResourceDefinitionNames { Plural = "rivals", Kind = "Widget", ListKind = "RivalList" };

        await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(rival, cancellationToken: Token);

        var stored = await client.ApiextensionsV1.ReadCustomResourceDefinitionAsync("rivals.example.test", cancellationToken: Token);
        var names = Assert.Single(stored.Status.Conditions, condition => condition.Type == "NamesAccepted");
        Assert.Equal(("False", "KindConflict", "\"Widget\" is already in use"), (names.Status, names.Reason, names.Message));
        var established = Assert.Single(stored.Status.Conditions, condition => condition.Type == "Established");
        Assert.Equal(("False", "NotAccepted"), (established.Status, established.Reason));
        var missing = await Assert.ThrowsAsync<HttpOperationException>(
            () => client.CustomObjects.ListNamespacedCustomObjectAsync(Group, StorageVersion, Namespace, "rivals", cancellationToken: Token));
        Assert.Equal(HttpStatusCode.NotFound, missing.Response.StatusCode);
        await client.ApiextensionsV1.DeleteCustomResourceDefinitionAsync("rivals.example.test", cancellationToken: Token);
    }

    [Fact]
    public async Task CreateDefinition_Invalid_RefusedWithTheFieldErrors()
    {
        using var client = fixture.Client();
        var wrong = Widget();
        wrong.Metadata.Name = "wrong.example.test";
        wrong.Spec.Scope = "Region";

        var refused = await Assert.ThrowsAsync<HttpOperationException>(
            () => client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(wrong, cancellationToken: Token));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Response.StatusCode);
        var status = JsonNode.Parse(refused.Response.Content)!;
        Assert.Equal("Invalid", status["reason"]!.GetValue<string>());
        var causes = status["details"]!["causes"]!.AsArray().Select(cause => cause!["field"]!.GetValue<string>()).ToList();
        Assert.Contains("metadata.name", causes);
        Assert.Contains("spec.scope", causes);
        Assert.Contains("must be spec.names.plural+\\\".\\\"+spec.group", refused.Response.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discovery_AnnouncesTheEstablishedKinds_NamespacedOrNot_WithShortNamesAndCategories()
    {
        using var client = fixture.Client();
        await InstallAsync(client, Widget(), Token);
        await InstallAsync(client, Gadget(), Token);
        using var http = fixture.Http();

        var groups = JsonNode.Parse(await http.GetStringAsync(new Uri("/apis", UriKind.Relative), Token))!;
        var resources = JsonNode.Parse(await http.GetStringAsync(new Uri("/apis/example.test/v1", UriKind.Relative), Token))!["resources"]!.AsArray();

        Assert.Contains(groups["groups"]!.AsArray(), group => group!["name"]!.GetValue<string>() == Group);
        var widgets = resources.Single(resource => resource!["name"]!.GetValue<string>() == "widgets")!;
        Assert.True(widgets["namespaced"]!.GetValue<bool>());
        Assert.Equal("widget", widgets["singularName"]!.GetValue<string>());
        Assert.Equal(["wd"], widgets["shortNames"]!.AsArray().Select(name => name!.GetValue<string>()));
        Assert.Equal(["example"], widgets["categories"]!.AsArray().Select(name => name!.GetValue<string>()));
        Assert.Contains(resources, resource => resource!["name"]!.GetValue<string>() == "widgets/status");
        var gadgets = resources.Single(resource => resource!["name"]!.GetValue<string>() == "gadgets")!;
        Assert.False(gadgets["namespaced"]!.GetValue<bool>());
        Assert.DoesNotContain(resources, resource => resource!["name"]!.GetValue<string>() == "gadgets/status");
    }

    [Fact]
    public async Task Widget_CreateGetListReplaceDelete_BehavesLikeAnyObject()
    {
        using var client = fixture.Client();
        await InstallAsync(client, Widget(), Token);

        var created = Node(await client.CustomObjects.CreateNamespacedCustomObjectAsync(NewWidget("crud", 3), Group, StorageVersion, Namespace, Widgets, cancellationToken: Token));
        var read = Node(await client.CustomObjects.GetNamespacedCustomObjectAsync(Group, StorageVersion, Namespace, Widgets, "crud", Token));
        read["spec"]!["size"] = 4;
        var replaced = Node(await client.CustomObjects.ReplaceNamespacedCustomObjectAsync(read, Group, StorageVersion, Namespace, Widgets, "crud", cancellationToken: Token));
        var deleted = Node(await client.CustomObjects.DeleteNamespacedCustomObjectAsync(Group, StorageVersion, Namespace, Widgets, "crud", cancellationToken: Token));

        Assert.Equal("example.test/v1", created["apiVersion"]!.GetValue<string>());
        Assert.Equal(Namespace, created["metadata"]!["namespace"]!.GetValue<string>());
        Assert.Equal(1, created["metadata"]!["generation"]!.GetValue<long>());
        Assert.Equal(created["metadata"]!["uid"]!.GetValue<string>(), replaced["metadata"]!["uid"]!.GetValue<string>());
        Assert.Equal(4, replaced["spec"]!["size"]!.GetValue<int>());
        Assert.Equal("Success", deleted["status"]!.GetValue<string>());
        var missing = await Assert.ThrowsAsync<HttpOperationException>(
            () => client.CustomObjects.GetNamespacedCustomObjectAsync(Group, StorageVersion, Namespace, Widgets, "crud", Token));
        Assert.Equal(HttpStatusCode.NotFound, missing.Response.StatusCode);
        Assert.Contains("widgets.example.test \\\"crud\\\" not found", missing.Response.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replace_WithStaleResourceVersion_Returns409AndKeepsTheNewerWrite()
    {
        using var client = fixture.Client();
        await InstallAsync(client, Widget(), Token);
        var original = Node(await client.CustomObjects.CreateNamespacedCustomObjectAsync(NewWidget("stale", 1), Group, StorageVersion, Namespace, Widgets, cancellationToken: Token));
        var first = original.DeepClone().AsObject();
        first["spec"]!["size"] = 2;
        await client.CustomObjects.ReplaceNamespacedCustomObjectAsync(first, Group, StorageVersion, Namespace, Widgets, "stale", cancellationToken: Token);

        original["spec"]!["size"] = 9;
        var conflict = await Assert.ThrowsAsync<HttpOperationException>(
            () => client.CustomObjects.ReplaceNamespacedCustomObjectAsync(original, Group, StorageVersion, Namespace, Widgets, "stale", cancellationToken: Token));

        Assert.Equal(HttpStatusCode.Conflict, conflict.Response.StatusCode);
        var status = JsonNode.Parse(conflict.Response.Content)!;
        Assert.Equal("Conflict", status["reason"]!.GetValue<string>());
        Assert.Contains("Operation cannot be fulfilled on widgets.example.test \\\"stale\\\"", conflict.Response.Content, StringComparison.Ordinal);
        var current = Node(await client.CustomObjects.GetNamespacedCustomObjectAsync(Group, StorageVersion, Namespace, Widgets, "stale", Token));
        Assert.Equal(2, current["spec"]!["size"]!.GetValue<int>());
    }

    [Fact]
    public async Task List_ByLabelSelector_SelectsOnlyTheMatchingObjects()
    {
        using var client = fixture.Client();
        await InstallAsync(client, Widget(), Token);
        await client.CustomObjects.CreateNamespacedCustomObjectAsync(NewWidget("red-1", 1, labels: new Dictionary<string, string> { ["shade"] = "red" }), Group, StorageVersion, Namespace, Widgets, cancellationToken: Token);
        await client.CustomObjects.CreateNamespacedCustomObjectAsync(NewWidget("red-2", 1, labels: new Dictionary<string, string> { ["shade"] = "red", ["tier"] = "b" }), Group, StorageVersion, Namespace, Widgets, cancellationToken: Token);
        await client.CustomObjects.CreateNamespacedCustomObjectAsync(NewWidget("green-1", 1, labels: new Dictionary<string, string> { ["shade"] = "green" }), Group, StorageVersion, Namespace, Widgets, cancellationToken: Token);

        var red = Node(await client.CustomObjects.ListNamespacedCustomObjectAsync(Group, StorageVersion, Namespace, Widgets, labelSelector: "shade=red", cancellationToken: Token));
        var notB = Node(await client.CustomObjects.ListNamespacedCustomObjectAsync(Group, StorageVersion, Namespace, Widgets, labelSelector: "shade in (red,green),tier!=b", cancellationToken: Token));

        Assert.Equal("WidgetList", red["kind"]!.GetValue<string>());
        Assert.Equal(["red-1", "red-2"], Names(red));
        Assert.Equal(["green-1", "red-1"], Names(notB));
    }

    [Fact]
    public async Task Watch_SeesAddedModifiedAndDeleted_InOrder()
    {
        using var client = fixture.Client();
        await InstallAsync(client, Widget(), Token);
        var list = Node(await client.CustomObjects.ListNamespacedCustomObjectAsync(Group, StorageVersion, Namespace, Widgets, labelSelector: "watched=yes", cancellationToken: Token));
        var from = list["metadata"]!["resourceVersion"]!.GetValue<string>();
        var seen = new List<(WatchEventType Type, JsonObject Object)>();
        var deleted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var watching = Task.Run(
            async () =>
            {
                try
                {
                    await foreach (var (type, item) in client.CustomObjects.WatchListNamespacedCustomObjectAsync(
                        Group, StorageVersion, Namespace, Widgets, labelSelector: "watched=yes", resourceVersion: from, cancellationToken: stop.Token))
                    {
                        seen.Add((type, Node(item)));
                        if (type == WatchEventType.Deleted)
                        {
                            deleted.TrySetResult();
                        }
                    }
                }
                catch (OperationCanceledException)
                {
                }
            },
            Token);

        await client.CustomObjects.CreateNamespacedCustomObjectAsync(NewWidget("watched", 1, labels: new Dictionary<string, string> { ["watched"] = "yes" }), Group, StorageVersion, Namespace, Widgets, cancellationToken: Token);
        await client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("{\"spec\":{\"size\":2}}", V1Patch.PatchType.MergePatch), Group, StorageVersion, Namespace, Widgets, "watched", cancellationToken: Token);
        await client.CustomObjects.DeleteNamespacedCustomObjectAsync(Group, StorageVersion, Namespace, Widgets, "watched", cancellationToken: Token);
        await deleted.Task.WaitAsync(TimeSpan.FromSeconds(30), Token);
        await stop.CancelAsync();
        await watching;

        Assert.Equal([WatchEventType.Added, WatchEventType.Modified, WatchEventType.Deleted], seen.Select(change => change.Type));
        Assert.Equal(2, seen[1].Object["spec"]!["size"]!.GetValue<int>());
        Assert.Equal(2, seen[1].Object["metadata"]!["generation"]!.GetValue<long>());
    }

    [Fact]
    public async Task Generation_BumpedBySpecChanges_NotByMetadataNorStatus()
    {
        using var client = fixture.Client();
        await InstallAsync(client, Widget(), Token);
        await client.CustomObjects.CreateNamespacedCustomObjectAsync(NewWidget("generations", 1), Group, StorageVersion, Namespace, Widgets, cancellationToken: Token);

        var labelled = await PatchAsync(client, "generations", "{\"metadata\":{\"labels\":{\"a\":\"b\"}}}");
        var status = await PatchAsync(client, "generations", "{\"status\":{\"phase\":\"Ready\"}}", "status");
        var respec = await PatchAsync(client, "generations", "{\"spec\":{\"size\":2}}");
        var same = await PatchAsync(client, "generations", "{\"spec\":{\"size\":2}}");

        Assert.Equal(1, Generation(labelled));
        Assert.Equal(1, Generation(status));
        Assert.Equal(2, Generation(respec));
        Assert.Equal(2, Generation(same));
        Assert.Equal(respec["metadata"]!["resourceVersion"]!.GetValue<string>(), same["metadata"]!["resourceVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task StatusSubresource_MainResourceIgnoresStatus_StatusIgnoresEverythingElse()
    {
        using var client = fixture.Client();
        await InstallAsync(client, Widget(), Token);
        var sent = NewWidget("status", 1);
        sent["status"] = new JsonObject { ["phase"] = "Made-up" };
        var created = Node(await client.CustomObjects.CreateNamespacedCustomObjectAsync(sent, Group, StorageVersion, Namespace, Widgets, cancellationToken: Token));

        var mainWrite = await PatchAsync(client, "status", "{\"spec\":{\"size\":2},\"status\":{\"phase\":\"Ignored\"}}");
        var statusWrite = await PatchAsync(client, "status", "{\"metadata\":{\"labels\":{\"x\":\"y\"}},\"spec\":{\"size\":7},\"status\":{\"phase\":\"Ready\"}}", "status");
        var read = Node(await client.CustomObjects.GetNamespacedCustomObjectStatusAsync(Group, StorageVersion, Namespace, Widgets, "status", Token));

        Assert.Null(created["status"]);
        Assert.Null(mainWrite["status"]);
        Assert.Equal(2, mainWrite["spec"]!["size"]!.GetValue<int>());
        Assert.Equal("Ready", statusWrite["status"]!["phase"]!.GetValue<string>());
        Assert.Equal(2, statusWrite["spec"]!["size"]!.GetValue<int>());
        Assert.Null(statusWrite["metadata"]!["labels"]);
        Assert.Equal("Ready", read["status"]!["phase"]!.GetValue<string>());
    }

    [Fact]
    public async Task WithoutStatusSubresource_StatusIsPartOfTheObject_AndChangesTheGeneration()
    {
        using var client = fixture.Client();
        await InstallAsync(client, Gadget(), Token);
        var gadget = new JsonObject
        {
            ["apiVersion"] = "example.test/v1",
            ["kind"] = "Gadget",
            ["metadata"] = new JsonObject { ["name"] = "loose" },
            ["spec"] = new JsonObject { ["anything"] = new JsonObject { ["goes"] = true } },
            ["status"] = new JsonObject { ["kept"] = 1 },
        };

        var created = Node(await client.CustomObjects.CreateClusterCustomObjectAsync(gadget, Group, StorageVersion, Gadgets, cancellationToken: Token));
        var patched = Node(await client.CustomObjects.PatchClusterCustomObjectAsync(
            new V1Patch("{\"status\":{\"kept\":2}}", V1Patch.PatchType.MergePatch), Group, StorageVersion, Gadgets, "loose", cancellationToken: Token));

        Assert.Null(created["metadata"]!["namespace"]);
        Assert.True(created["spec"]!["anything"]!["goes"]!.GetValue<bool>());
        Assert.Equal(1, created["status"]!["kept"]!.GetValue<int>());
        Assert.Equal(2, patched["status"]!["kept"]!.GetValue<int>());
        Assert.Equal(2, Generation(patched));
    }

    [Fact]
    public async Task Patch_JsonPatchApplies_StrategicMergeRefusedWith415()
    {
        using var client = fixture.Client();
        await InstallAsync(client, Widget(), Token);
        await client.CustomObjects.CreateNamespacedCustomObjectAsync(NewWidget("patched", 1), Group, StorageVersion, Namespace, Widgets, cancellationToken: Token);

        var patched = Node(await client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("[{\"op\":\"replace\",\"path\":\"/spec/color\",\"value\":\"red\"}]", V1Patch.PatchType.JsonPatch), Group, StorageVersion, Namespace, Widgets, "patched", cancellationToken: Token));
        var refused = await Assert.ThrowsAsync<HttpOperationException>(() => client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("{\"spec\":{\"color\":\"green\"}}", V1Patch.PatchType.StrategicMergePatch), Group, StorageVersion, Namespace, Widgets, "patched", cancellationToken: Token));

        Assert.Equal("red", patched["spec"]!["color"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, refused.Response.StatusCode);
        Assert.Contains(
            "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml",
            refused.Response.Content,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownFields_PrunedWhenIgnored_RefusedWhenStrict()
    {
        using var client = fixture.Client();
        await InstallAsync(client, Widget(), Token);
        var sent = NewWidget("pruned", 1);
        sent["spec"]!["extra"] = "dropped";
        sent["spec"]!["parts"] = new JsonArray(new JsonObject { ["name"] = "a", ["weight"] = 3 });
        sent["topLevel"] = true;

        var created = Node(await client.CustomObjects.CreateNamespacedCustomObjectAsync(sent, Group, StorageVersion, Namespace, Widgets, fieldValidation: "Ignore", cancellationToken: Token));
        sent["metadata"]!["name"] = "strict";
        var refused = await Assert.ThrowsAsync<HttpOperationException>(() => client.CustomObjects.CreateNamespacedCustomObjectAsync(
            sent, Group, StorageVersion, Namespace, Widgets, fieldValidation: "Strict", cancellationToken: Token));

        Assert.Null(created["spec"]!["extra"]);
        Assert.Null(created["topLevel"]);
        Assert.Equal("{\"name\":\"a\"}", created["spec"]!["parts"]![0]!.ToJsonString());
        Assert.Equal(HttpStatusCode.BadRequest, refused.Response.StatusCode);
        Assert.Contains("unknown field \\\"spec.extra\\\"", refused.Response.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_WithFinalizer_KeepsTheObjectMarkedUntilTheLastFinalizerGoes()
    {
        using var client = fixture.Client();
        await InstallAsync(client, Widget(), Token);
        var sent = NewWidget("finalized", 1);
        sent["metadata"]!["finalizers"] = new JsonArray("example.test/cleanup");
        await client.CustomObjects.CreateNamespacedCustomObjectAsync(sent, Group, StorageVersion, Namespace, Widgets, cancellationToken: Token);

        var answer = Node(await client.CustomObjects.DeleteNamespacedCustomObjectAsync(Group, StorageVersion, Namespace, Widgets, "finalized", cancellationToken: Token));
        var again = Node(await client.CustomObjects.DeleteNamespacedCustomObjectAsync(Group, StorageVersion, Namespace, Widgets, "finalized", cancellationToken: Token));
        var refused = await Assert.ThrowsAsync<HttpOperationException>(() => PatchAsync(client, "finalized", "{\"metadata\":{\"finalizers\":[\"example.test/cleanup\",\"late\"]}}"));
        var stillThere = Node(await client.CustomObjects.GetNamespacedCustomObjectAsync(Group, StorageVersion, Namespace, Widgets, "finalized", Token));
        await PatchAsync(client, "finalized", "{\"metadata\":{\"finalizers\":null}}");

        Assert.Equal("Widget", answer["kind"]!.GetValue<string>());
        Assert.NotNull(answer["metadata"]!["deletionTimestamp"]);
        Assert.Equal(0, answer["metadata"]!["deletionGracePeriodSeconds"]!.GetValue<long>());
        Assert.Equal(answer["metadata"]!["resourceVersion"]!.GetValue<string>(), again["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Response.StatusCode);
        Assert.Contains("no new finalizers can be added if the object is being deleted", refused.Response.Content, StringComparison.Ordinal);
        Assert.Equal(answer["metadata"]!["deletionTimestamp"]!.GetValue<string>(), stillThere["metadata"]!["deletionTimestamp"]!.GetValue<string>());
        var gone = await Assert.ThrowsAsync<HttpOperationException>(
            () => client.CustomObjects.GetNamespacedCustomObjectAsync(Group, StorageVersion, Namespace, Widgets, "finalized", Token));
        Assert.Equal(HttpStatusCode.NotFound, gone.Response.StatusCode);
    }

    [Fact]
    public async Task Table_HasTheDefinitionsPrinterColumns_AndAgeAloneWithoutThem()
    {
        using var client = fixture.Client();
        await InstallAsync(client, Widget(), Token);
        await InstallAsync(client, Gadget(), Token);
        var sent = NewWidget("tabled", 5);
        await client.CustomObjects.CreateNamespacedCustomObjectAsync(sent, Group, StorageVersion, Namespace, Widgets, cancellationToken: Token);
        using var http = fixture.Http();

        var widgets = await TableAsync(http, $"/apis/example.test/v1/namespaces/{Namespace}/widgets/tabled");
        var gadgets = await TableAsync(http, "/apis/example.test/v1/gadgets");

        Assert.Equal(["Name", "Size", "Color", "Phase", "Age"], ColumnNames(widgets));
        Assert.Equal(1, widgets["columnDefinitions"]![2]!["priority"]!.GetValue<int>());
        var cells = widgets["rows"]![0]!["cells"]!.AsArray();
        Assert.Equal("tabled", cells[0]!.GetValue<string>());
        Assert.Equal(5, cells[1]!.GetValue<long>());
        Assert.Equal("blue", cells[2]!.GetValue<string>());
        Assert.Null(cells[3]);
        Assert.EndsWith("s", cells[4]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["Name", "Age"], ColumnNames(gadgets));
    }

    [Fact]
    public async Task DeleteDefinition_RemovesItsObjectsAndStopsServingTheKind()
    {
        using var client = fixture.Client();
        var definition = Widget();
        definition.Metadata.Name = "doomeds.example.test";
        definition.Spec.Names = new V1CustomResourceDefinitionNames { Plural = "doomeds", Kind = "Doomed" };
        await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(definition, cancellationToken: Token);
        var doomed = NewWidget("one", 1);
        doomed["kind"] = "Doomed";
        await client.CustomObjects.CreateNamespacedCustomObjectAsync(doomed, Group, StorageVersion, Namespace, "doomeds", cancellationToken: Token);

        await client.ApiextensionsV1.DeleteCustomResourceDefinitionAsync("doomeds.example.test", cancellationToken: Token);

        var missing = await Assert.ThrowsAsync<HttpOperationException>(
            () => client.CustomObjects.ListNamespacedCustomObjectAsync(Group, StorageVersion, Namespace, "doomeds", cancellationToken: Token));
        Assert.Equal(HttpStatusCode.NotFound, missing.Response.StatusCode);
        Assert.DoesNotContain(fixture.Store().ServedTypes(), type => type.Plural == "doomeds");
    }

    private static long Generation(JsonObject value) => value["metadata"]!["generation"]!.GetValue<long>();

    private static IEnumerable<string> Names(JsonObject list) =>
        list["items"]!.AsArray().Select(item => item!["metadata"]!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal);

    private static IEnumerable<string> ColumnNames(JsonNode table) =>
        table["columnDefinitions"]!.AsArray().Select(column => column!["name"]!.GetValue<string>());

    private static async Task<JsonObject> PatchAsync(Kubernetes client, string name, string mergePatch, string? subresource = null)
    {
        var patch = new V1Patch(mergePatch, V1Patch.PatchType.MergePatch);
        var result = subresource == "status"
            ? await client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(patch, Group, StorageVersion, Namespace, Widgets, name, cancellationToken: Token)
            : await client.CustomObjects.PatchNamespacedCustomObjectAsync(patch, Group, StorageVersion, Namespace, Widgets, name, cancellationToken: Token);
        return Node(result);
    }

    private static async Task<JsonNode> TableAsync(HttpClient http, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.TryAddWithoutValidation("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io");
        using var response = await http.SendAsync(request, Token);
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonNode.Parse(body)!;
    }
}
