using System.Net;
using System.Text.Json.Nodes;
using Orchestrator.Simulator.Patching;
using Orchestrator.Simulator.Storage;

namespace Orchestrator.Simulator.Api;

/// <summary>Applies a PATCH body according to its content type, as the API server's patch handler does.</summary>
internal static class PatchApplier
{
    private const string Accepted =
        "application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json";

    public static JsonNode Apply(string? contentType, JsonNode current, JsonNode? patch, ResourceType type)
    {
        var mediaType = contentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (type.IsCustom && mediaType == "application/strategic-merge-patch+json")
        {
            // Custom resources have no Go type to carry patch strategies, so the API server refuses the media type.
            throw new ApiException(
                HttpStatusCode.UnsupportedMediaType,
                "UnsupportedMediaType",
                "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml");
        }

        try
        {
            var result = mediaType switch
            {
                "application/json-patch+json" => JsonPatch.Apply(current, patch ?? throw ApiException.BadRequest("the json patch is empty")),
                "application/merge-patch+json" => JsonMergePatch.Apply(current, patch),
                "application/strategic-merge-patch+json" => StrategicMergePatch.Apply(current, patch),
                "application/apply-patch+yaml" or "application/apply-patch+cbor" => throw new ApiException(
                    HttpStatusCode.UnsupportedMediaType,
                    "UnsupportedMediaType",
                    $"server-side apply is not served here; use client-side apply - accepted media types include: {Accepted}"),
                _ => throw new ApiException(
                    HttpStatusCode.UnsupportedMediaType,
                    "UnsupportedMediaType",
                    $"the body of the request was in an unknown format - accepted media types include: {Accepted}"),
            };
            return result as JsonObject ?? throw ApiException.BadRequest("the patch does not leave an object");
        }
        catch (PatchException invalid)
        {
            throw new ApiException(HttpStatusCode.UnprocessableEntity, "Invalid", invalid.Message);
        }
    }
}
