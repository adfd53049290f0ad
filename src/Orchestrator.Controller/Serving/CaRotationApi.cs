using System.Net.Http;
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

    private CustomObjectWatch<CaRotation> Objects => new(client, @namespace, CaRotationDefinition.Plural, CaRotationJsonContext.Default.CaRotation);

    public Task<(IReadOnlyList<CaRotation> Items, string Version)> ListAsync(CancellationToken cancellationToken) =>
        Objects.ListAsync(null, cancellationToken);

    /// <summary>
    /// Watches from a resource version until the server ends the stream. An ERROR event (410 Expired) ends it with
    /// <see cref="WatchExpiredException"/>: the caller lists again.
    /// </summary>
    public IAsyncEnumerable<(WatchEventType Type, CaRotation? Rotation, string Version)> WatchAsync(string version, CancellationToken cancellationToken) =>
        Objects.WatchAsync(null, version, cancellationToken);

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
}
