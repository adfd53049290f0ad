using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using k8s;

namespace Orchestrator.Controller.Serving;

/// <summary>
/// Lists and watches of one plural of the orchestrator's group, read with the resource's own JSON contract (the
/// client's serializer does not know it). An ERROR event (410 Expired) ends a watch with <see cref="WatchExpiredException"/>.
/// </summary>
internal sealed class CustomObjectWatch<T>(IKubernetes client, string @namespace, string plural, JsonTypeInfo<T> contract)
    where T : class
{
    public async Task<(IReadOnlyList<T> Items, string Version)> ListAsync(string? labelSelector, CancellationToken cancellationToken)
    {
        using var response = await client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync<HttpContent>(
            Resources.CaRotationDefinition.Group, Resources.CaRotationDefinition.Version, @namespace, plural, labelSelector: labelSelector, cancellationToken: cancellationToken);
        using var list = await JsonDocument.ParseAsync(await response.Body.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        var items = list.RootElement.TryGetProperty("items", out var found) && found.ValueKind == JsonValueKind.Array
            ? found.EnumerateArray().Select(Read).ToList()
            : [];
        var version = list.RootElement.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("resourceVersion", out var listed)
            ? listed.GetString() ?? string.Empty
            : string.Empty;
        return (items, version);
    }

    /// <summary>Watches from a resource version until the server ends the stream; a bookmark gives a null object.</summary>
    public async IAsyncEnumerable<(WatchEventType Type, T? Item, string Version)> WatchAsync(string? labelSelector, string version, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var response = await client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync<HttpContent>(
            Resources.CaRotationDefinition.Group,
            Resources.CaRotationDefinition.Version,
            @namespace,
            plural,
            allowWatchBookmarks: true,
            labelSelector: labelSelector,
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
            var seen = body.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("resourceVersion", out var resourceVersion)
                ? resourceVersion.GetString() ?? version
                : version;
            yield return type switch
            {
                "ADDED" => (WatchEventType.Added, Read(body), seen),
                "MODIFIED" => (WatchEventType.Modified, Read(body), seen),
                "DELETED" => (WatchEventType.Deleted, Read(body), seen),
                "BOOKMARK" => (WatchEventType.Bookmark, null, seen),
                _ => throw new WatchExpiredException(body.TryGetProperty("message", out var message) ? message.GetString() ?? "error event" : type ?? "error event"),
            };
        }
    }

    private T Read(JsonElement element) => element.Deserialize(contract) ?? throw new JsonException($"a {plural} object that is null");
}
