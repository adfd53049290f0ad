using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Http;
using Orchestrator.Simulator.Storage;

namespace Orchestrator.Simulator.Api;

/// <summary>
/// Server-side field validation (<c>?fieldValidation=Strict|Warn|Ignore</c>, Warn when absent): fields the kind does
/// not have are refused, reported in a <c>Warning</c> header, or dropped.
/// </summary>
internal static class FieldValidation
{
    public static void Check(HttpContext context, JsonNode sent, IKubernetesObject<V1ObjectMeta> decoded)
    {
        var directive = context.Request.Query["fieldValidation"].ToString();
        if (directive is not ("" or "Strict" or "Warn" or "Ignore"))
        {
            throw ApiException.BadRequest($"fieldValidation: Unsupported value: \"{directive}\": supported values: \"Ignore\", \"Strict\", \"Warn\"");
        }

        if (directive == "Ignore")
        {
            return;
        }

        var understood = JsonNode.Parse(KubernetesJson.Serialize(decoded))!;
        var unknown = UnknownFields(sent, understood, string.Empty).ToList();
        if (unknown.Count == 0)
        {
            return;
        }

        if (directive == "Strict")
        {
            throw ApiException.BadRequest("strict decoding error: " + string.Join(", ", unknown.Select(field => $"unknown field \"{field}\"")));
        }

        foreach (var field in unknown)
        {
            context.Response.Headers.Append("Warning", $"299 - \"unknown field \\\"{field}\\\"\"");
        }
    }

    /// <summary>Paths present (and not null) in what was sent but absent from what the kind's model kept.</summary>
    private static IEnumerable<string> UnknownFields(JsonNode? sent, JsonNode? kept, string path)
    {
        switch (sent)
        {
            case JsonObject sentObject when kept is JsonObject keptObject:
                foreach (var (name, value) in sentObject)
                {
                    var child = path.Length == 0 ? name : $"{path}.{name}";
                    if (value is null)
                    {
                        continue;
                    }

                    if (!keptObject.TryGetPropertyValue(name, out var keptValue))
                    {
                        yield return child;
                        continue;
                    }

                    foreach (var unknown in UnknownFields(value, keptValue, child))
                    {
                        yield return unknown;
                    }
                }

                break;
            case JsonArray sentArray when kept is JsonArray keptArray && sentArray.Count == keptArray.Count:
                for (var i = 0; i < sentArray.Count; i++)
                {
                    foreach (var unknown in UnknownFields(sentArray[i], keptArray[i], $"{path}[{i}]"))
                    {
                        yield return unknown;
                    }
                }

                break;
        }
    }
}
