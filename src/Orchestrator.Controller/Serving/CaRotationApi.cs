using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Orchestrator.Controller.Resources;

namespace Orchestrator.Controller.Serving;

/// <summary>
/// CaRotations of one namespace through the client's custom-object calls, read and written with the resource's own
/// JSON contract (<see cref="CaRotationJsonContext"/>) rather than the client's serializer, which does not know it. The
/// client must be one made by <see cref="Kubernetes.ClusterClients.Create"/>, which hands bodies over as they stream in.
/// </summary>
internal sealed class CaRotationApi(IKubernetes client, string @namespace)
{
    public string Namespace => @namespace;

    public async Task<(IReadOnlyList<CaRotation> Items, string Version)> ListAsync(CancellationToken cancellationToken)
    {
        using var response = await client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync<HttpContent>(
            CaRotationDefinition.Group, CaRotationDefinition.Version, @namespace, CaRotationDefinition.Plural, cancellationToken: cancellationToken);
        using var list = await JsonDocument.ParseAsync(await response.Body.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        var items = list.RootElement.TryGetProperty("items", out var found) && found.ValueKind == JsonValueKind.Array
            ? found.EnumerateArray().Select(Read).ToList()
            : [];
        var version = list.RootElement.GetProperty("metadata").TryGetProperty("resourceVersion", out var listed) ? listed.GetString() ?? string.Empty : string.Empty;
        return (items, version);
    }

    /// <summary>
    /// Watches from a resource version until the server ends the stream. An ERROR event (410 Expired) ends it with
    /// <see cref="WatchExpiredException"/>: the caller lists again.
    /// </summary>
    public async IAsyncEnumerable<(WatchEventType Type, CaRotation? Rotation, string Version)> WatchAsync(string version, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var response = await client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync<HttpContent>(
            CaRotationDefinition.Group,
            CaRotationDefinition.Version,
            @namespace,
            CaRotationDefinition.Plural,
            allowWatchBookmarks: true,
            resourceVersion: version,
            watch: true,
            cancellationToken: cancellationToken);
        using var reader = new StreamReader(await response.Body.ReadAsStreamAsync(cancellationToken), Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            using var change = JsonDocument.Parse(line);
            var type = change.RootElement.GetProperty("type").GetString();
            var body = change.RootElement.GetProperty("object");
            switch (type)
            {
                case "ADDED" or "MODIFIED" or "DELETED":
                    var rotation = Read(body);
                    yield return (type == "ADDED" ? WatchEventType.Added : type == "MODIFIED" ? WatchEventType.Modified : WatchEventType.Deleted, rotation, rotation.Metadata.ResourceVersion ?? string.Empty);
                    break;
                case "BOOKMARK":
                    yield return (WatchEventType.Bookmark, null, ReadMetadata(body).ResourceVersion ?? string.Empty);
                    break;
                default:
                    throw new WatchExpiredException(body.TryGetProperty("message", out var message) ? message.GetString() ?? type ?? "error event" : type ?? "error event");
            }
        }
    }

    public async Task<CaRotation?> FindAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.CustomObjects.GetNamespacedCustomObjectWithHttpMessagesAsync<HttpContent>(
                CaRotationDefinition.Group, CaRotationDefinition.Version, @namespace, CaRotationDefinition.Plural, name, cancellationToken: cancellationToken);
            using var document = await JsonDocument.ParseAsync(await response.Body.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            return Read(document.RootElement);
        }
        catch (k8s.Autorest.HttpOperationException missing) when (missing.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// Writes the status through the status subresource as a merge patch: every field of <paramref name="status"/>
    /// is set, and a field it leaves out is removed (written as null), so that nothing of an earlier status stays.
    /// </summary>
    public async Task PatchStatusAsync(string name, CaRotationStatus status, CancellationToken cancellationToken)
    {
        var written = JsonSerializer.SerializeToNode(status, CaRotationJsonContext.Default.CaRotationStatus)!.AsObject();
        foreach (var property in CaRotationJsonContext.Default.CaRotationStatus.Properties)
        {
            written.TryAdd(property.Name, null);
        }

        var patch = new JsonObject { ["status"] = written };
        await client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch),
            CaRotationDefinition.Group,
            CaRotationDefinition.Version,
            @namespace,
            CaRotationDefinition.Plural,
            name,
            cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Changes finalizers or annotations under the resource version last seen (a conflict fails, as it should: the
    /// caller decides again on the newer object). An annotation set to null is removed.
    /// </summary>
    public async Task<CaRotation> PatchMetadataAsync(CaRotation rotation, IReadOnlyList<string>? finalizers, IReadOnlyDictionary<string, string?>? annotations, CancellationToken cancellationToken)
    {
        var metadata = new JsonObject { ["resourceVersion"] = rotation.Metadata.ResourceVersion };
        if (finalizers is not null)
        {
            metadata["finalizers"] = new JsonArray([.. finalizers.Select(finalizer => JsonValue.Create(finalizer))]);
        }

        if (annotations is not null)
        {
            var changes = new JsonObject();
            foreach (var (key, value) in annotations)
            {
                changes[key] = value;
            }

            metadata["annotations"] = changes;
        }

        using var response = await client.CustomObjects.PatchNamespacedCustomObjectWithHttpMessagesAsync<HttpContent>(
            new V1Patch(new JsonObject { ["metadata"] = metadata }.ToJsonString(), V1Patch.PatchType.MergePatch),
            CaRotationDefinition.Group,
            CaRotationDefinition.Version,
            @namespace,
            CaRotationDefinition.Plural,
            rotation.Metadata.Name,
            cancellationToken: cancellationToken);
        using var document = await JsonDocument.ParseAsync(await response.Body.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return Read(document.RootElement);
    }

    /// <summary>Sets fields of the spec as a merge patch under the resource version last seen (a conflict fails).</summary>
    public async Task<CaRotation> PatchSpecAsync(CaRotation rotation, JsonObject changes, CancellationToken cancellationToken)
    {
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject { ["resourceVersion"] = rotation.Metadata.ResourceVersion },
            ["spec"] = changes,
        };
        using var response = await client.CustomObjects.PatchNamespacedCustomObjectWithHttpMessagesAsync<HttpContent>(
            new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch),
            CaRotationDefinition.Group,
            CaRotationDefinition.Version,
            @namespace,
            CaRotationDefinition.Plural,
            rotation.Metadata.Name,
            cancellationToken: cancellationToken);
        using var document = await JsonDocument.ParseAsync(await response.Body.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return Read(document.RootElement);
    }

    private static CaRotation Read(JsonElement element) =>
        element.Deserialize(CaRotationJsonContext.Default.CaRotation) ?? throw new JsonException("a CaRotation that is null");

    private static V1ObjectMeta ReadMetadata(JsonElement element) =>
        element.TryGetProperty("metadata", out var metadata) ? metadata.Deserialize(CaRotationJsonContext.Default.V1ObjectMeta) ?? new V1ObjectMeta() : new V1ObjectMeta();
}
