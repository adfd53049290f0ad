using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Http;
using Orchestrator.Simulator.Selection;
using Orchestrator.Simulator.Storage;

namespace Orchestrator.Simulator.Api;

/// <summary>The verbs on objects: get, list, watch, create, update, patch and delete.</summary>
internal sealed class ResourceEndpoints(RegionEndpoint endpoint, CancellationToken stopping)
{
    /// <summary>Key of <see cref="HttpContext.Items"/> under which the name of a created object is left for the audit log.</summary>
    public const string CreatedNameKey = "orchestrator.simulator.created-name";

    private RegionStore Store => endpoint.Store;

    public Task ServeAsync(HttpContext context, ResourceRequest request) => request.Verb switch
    {
        "get" => GetAsync(context, request),
        "list" => ListAsync(context, request),
        "watch" => WatchAsync(context, request),
        "create" => CreateAsync(context, request),
        "update" => UpdateAsync(context, request),
        "patch" => PatchAsync(context, request),
        "delete" => DeleteAsync(context, request),
        _ => throw ApiException.MethodNotSupported(request.Type, request.Verb),
    };

    private static bool DryRun(HttpContext context) => context.Request.Query["dryRun"].ToString() == "All";

    private static async Task<string> ReadBodyAsync(HttpContext context)
    {
        var mediaType = context.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (context.Request.Method != "PATCH" && mediaType is not (null or "application/json" or "*/*"))
        {
            throw new ApiException(
                HttpStatusCode.UnsupportedMediaType,
                "UnsupportedMediaType",
                $"the body of the request was in an unknown format - accepted media types include: application/json");
        }

        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        return string.IsNullOrWhiteSpace(body) ? throw ApiException.BadRequest("the request body is empty") : body;
    }

    private static JsonNode? ParseJson(string body)
    {
        try
        {
            return JsonNode.Parse(body);
        }
        catch (JsonException invalid)
        {
            throw ApiException.BadRequest($"error decoding the request body as JSON: {invalid.Message}");
        }
    }

    private Task GetAsync(HttpContext context, ResourceRequest request)
    {
        var stored = Store.Get(request.Type, request.Namespace, request.Name!) ?? throw ApiException.NotFound(request.Type, request.Name!);
        return HttpResponses.WriteJsonAsync(context, HttpStatusCode.OK, Render(context, request.Type)(stored));
    }

    private Task ListAsync(HttpContext context, ResourceRequest request)
    {
        var (items, version) = Store.List(request.Type, Filter(context, request));
        if (TableConverter.Wanted(context))
        {
            var table = TableConverter.Table(request.Type, items, version, context.Request.Query["includeObject"], endpoint.Time.GetUtcNow());
            return HttpResponses.WriteJsonAsync(context, HttpStatusCode.OK, table);
        }

        var json = new StringBuilder()
            .Append("{\"kind\":\"").Append(request.Type.ListKind)
            .Append("\",\"apiVersion\":\"").Append(request.Type.ApiVersion)
            .Append("\",\"metadata\":{\"resourceVersion\":\"").Append(version.ToString(CultureInfo.InvariantCulture))
            .Append("\"},\"items\":[");
        for (var i = 0; i < items.Count; i++)
        {
            json.Append(i == 0 ? string.Empty : ",").Append(items[i].Json);
        }

        return HttpResponses.WriteJsonAsync(context, HttpStatusCode.OK, json.Append("]}").ToString());
    }

    private Task WatchAsync(HttpContext context, ResourceRequest request)
    {
        var filter = Filter(context, request);
        if (request.Name is not null)
        {
            // The legacy form GET .../NAME?watch=true watches that one object.
            filter = filter with { Fields = FieldSelector.Parse($"metadata.name={request.Name}") };
        }

        var from = context.Request.Query["resourceVersion"].ToString();
        long? fromVersion = string.IsNullOrEmpty(from)
            ? null
            : long.TryParse(from, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : throw ApiException.BadRequest($"resourceVersion: Invalid value: \"{from}\": must be a non-negative integer");
        var timeout = WatchStreamWriter.ParseTimeout(context.Request.Query["timeoutSeconds"]);
        return WatchStreamWriter.StreamAsync(context, Store, endpoint.Faults, request.Type, filter, fromVersion, timeout, Render(context, request.Type), endpoint.Time, stopping);
    }

    private async Task CreateAsync(HttpContext context, ResourceRequest request)
    {
        var value = await DecodeBodyAsync(context, request);
        context.Items[CreatedNameKey] = value.Metadata?.Name;
        CheckNamespace(request, value);
        var created = Store.Create(request.Type, request.Namespace, value, DryRun(context));
        context.Items[CreatedNameKey] = created.Name;
        await HttpResponses.WriteJsonAsync(context, HttpStatusCode.Created, created.Json);
    }

    private async Task UpdateAsync(HttpContext context, ResourceRequest request)
    {
        var value = await DecodeBodyAsync(context, request);
        CheckNamespace(request, value);
        var updated = Store.Update(request.Type, request.Namespace, request.Name!, value, request.Subresource == "status", DryRun(context));
        await HttpResponses.WriteJsonAsync(context, HttpStatusCode.OK, updated.Json);
    }

    /// <summary>Reads a whole object from the body: of this kind, in JSON, its unknown fields handled as asked.</summary>
    private static async Task<IKubernetesObject<V1ObjectMeta>> DecodeBodyAsync(HttpContext context, ResourceRequest request)
    {
        var body = ParseJson(await ReadBodyAsync(context)) as JsonObject
            ?? throw ApiException.BadRequest($"the request body must be a JSON object of kind {request.Type.Kind}");
        if (body["kind"] is JsonValue kindValue && kindValue.TryGetValue<string>(out var kind) && kind != request.Type.Kind)
        {
            throw ApiException.BadRequest($"the kind of the object ({kind}) does not match the kind of the resource ({request.Type.Kind})");
        }

        var value = request.Type.Deserialize(body);
        FieldValidation.Check(context, body, value);
        return value;
    }

    private async Task PatchAsync(HttpContext context, ResourceRequest request)
    {
        var patch = ParseJson(await ReadBodyAsync(context));
        var contentType = context.Request.ContentType;
        var patched = Store.Modify(
            request.Type,
            request.Namespace,
            request.Name!,
            existing =>
            {
                var result = PatchApplier.Apply(contentType, JsonNode.Parse(existing.Json)!, patch, request.Type);
                var value = request.Type.Deserialize(result);
                FieldValidation.Check(context, result, value);
                return value;
            },
            request.Subresource == "status",
            DryRun(context));
        await HttpResponses.WriteJsonAsync(context, HttpStatusCode.OK, patched.Json);
    }

    private async Task DeleteAsync(HttpContext context, ResourceRequest request)
    {
        var options = await ReadDeleteOptionsAsync(context);
        var outcome = Store.Delete(request.Type, request.Namespace, request.Name!, options, DryRun(context));

        // Kinds that delete gracefully, and objects that finalizers keep, answer with the object; the others with a
        // Status, as the API server does.
        if (request.Type.Strategy.GracefulDelete || !outcome.Removed)
        {
            await HttpResponses.WriteJsonAsync(context, HttpStatusCode.OK, outcome.Object.Json);
        }
        else
        {
            await HttpResponses.WriteJsonAsync(context, HttpStatusCode.OK, StatusObjects.Success(outcome.Object));
        }
    }

    /// <summary>How an object is written in a get or a watch event: as itself, or as a one-row Table when kubectl asks.</summary>
    private Func<StoredObject, string> Render(HttpContext context, ResourceType type)
    {
        if (!TableConverter.Wanted(context))
        {
            return stored => stored.Json;
        }

        var includeObject = context.Request.Query["includeObject"].ToString();
        return stored => TableConverter.Table(type, [stored], stored.ResourceVersion, includeObject, endpoint.Time.GetUtcNow()).ToJsonString(HttpResponses.Compact);
    }

    private static async Task<DeleteOptions> ReadDeleteOptionsAsync(HttpContext context)
    {
        long? grace = long.TryParse(context.Request.Query["gracePeriodSeconds"], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? seconds
            : null;
        if (context.Request.ContentLength is 0 || (context.Request.ContentLength is null && context.Request.Headers.TransferEncoding.Count == 0))
        {
            return new DeleteOptions(grace);
        }

        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        if (string.IsNullOrWhiteSpace(body))
        {
            return new DeleteOptions(grace);
        }

        V1DeleteOptions parsed;
        try
        {
            parsed = KubernetesJson.Deserialize<V1DeleteOptions>(body);
        }
        catch (JsonException invalid)
        {
            throw ApiException.BadRequest($"error decoding DeleteOptions: {invalid.Message}");
        }

        return new DeleteOptions(
            parsed.GracePeriodSeconds ?? grace,
            parsed.Preconditions?.Uid,
            parsed.Preconditions?.ResourceVersion);
    }

    private static void CheckNamespace(ResourceRequest request, IKubernetesObject<V1ObjectMeta> value)
    {
        var bodyNamespace = value.Metadata?.NamespaceProperty;
        if (request.Type.Namespaced && !string.IsNullOrEmpty(bodyNamespace) && bodyNamespace != request.Namespace)
        {
            throw ApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
    }

    private static ObjectFilter Filter(HttpContext context, ResourceRequest request)
    {
        var labels = LabelSelector.Parse(context.Request.Query["labelSelector"]);
        var fields = FieldSelector.Parse(context.Request.Query["fieldSelector"]);
        var unsupported = fields.Fields.FirstOrDefault(field => !request.Type.Strategy.SelectableFields.Contains(field));
        if (unsupported is not null)
        {
            throw ApiException.BadRequest($"field label not supported: {unsupported}");
        }

        return new ObjectFilter(request.Namespace, labels, fields);
    }
}
