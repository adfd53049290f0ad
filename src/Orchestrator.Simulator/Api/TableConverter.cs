using System.Globalization;
using System.Text.Json.Nodes;
using k8s.Models;
using Microsoft.AspNetCore.Http;
using Orchestrator.Simulator.Storage;

namespace Orchestrator.Simulator.Api;

/// <summary>
/// Server-side printing: answers <c>Accept: application/json;as=Table;g=meta.k8s.io;v=v1</c> with the columns the
/// API server gives each kind, which is what <c>kubectl get</c> shows.
/// </summary>
internal static class TableConverter
{
    public static bool Wanted(HttpContext context) =>
        context.Request.Headers.Accept.Any(accept => accept is not null && accept.Contains("as=Table", StringComparison.Ordinal));

    public static JsonObject Table(ResourceType type, IEnumerable<StoredObject> items, long resourceVersion, string? includeObject, DateTimeOffset now) => new()
    {
        ["kind"] = "Table",
        ["apiVersion"] = "meta.k8s.io/v1",
        ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion.ToString(CultureInfo.InvariantCulture) },
        ["columnDefinitions"] = Columns(type),
        ["rows"] = new JsonArray(items.Select(item => (JsonNode)Row(type, item, includeObject, now)).ToArray()),
    };

    private static JsonArray Columns(ResourceType type)
    {
        var columns = new JsonArray(Column("Name", "string", "name", 0));
        if (type.Columns is { } custom)
        {
            foreach (var column in custom)
            {
                columns.Add(Column(column.Name, column.Type, column.Format, column.Priority, column.Description));
            }

            return columns;
        }

        var extra = type.Kind switch
        {
            "Pod" => new[] { ("Ready", "string", 0), ("Status", "string", 0), ("Restarts", "string", 0), ("Age", "string", 0), ("IP", "string", 1), ("Node", "string", 1) },
            "StatefulSet" => [("Ready", "string", 0), ("Age", "string", 0), ("Containers", "string", 1), ("Images", "string", 1)],
            "Secret" => [("Type", "string", 0), ("Data", "string", 0), ("Age", "string", 0)],
            "Namespace" => [("Status", "string", 0), ("Age", "string", 0)],
            "Lease" => [("Holder", "string", 0), ("Age", "string", 0)],
            "CustomResourceDefinition" => [("Created At", "date", 0)],
            _ => [("Age", "string", 0)],
        };
        foreach (var (name, kind, priority) in extra)
        {
            columns.Add(Column(name, kind, string.Empty, priority));
        }

        return columns;
    }

    private static JsonObject Column(string name, string type, string format, int priority, string description = "") => new()
    {
        ["name"] = name,
        ["type"] = type,
        ["format"] = format,
        ["description"] = description,
        ["priority"] = priority,
    };

    private static JsonObject Row(ResourceType type, StoredObject item, string? includeObject, DateTimeOffset now)
    {
        var value = item.Peek();
        var age = Age(value.Metadata.CreationTimestamp, now);
        JsonNode?[] cells = value switch
        {
            _ when type.Columns is { } custom => [value.Metadata.Name, .. PrinterColumnCells.For(custom, JsonNode.Parse(item.Json)!, now)],
            V1Pod pod => [pod.Metadata.Name, PodReady(pod), PodStatus(pod), Restarts(pod), age, pod.Status?.PodIP ?? "<none>", pod.Spec?.NodeName ?? "<none>"],
            V1StatefulSet set => [set.Metadata.Name, $"{set.Status?.ReadyReplicas ?? 0}/{set.Spec?.Replicas ?? 0}", age,
                string.Join(",", set.Spec?.Template?.Spec?.Containers?.Select(c => c.Name) ?? []),
                string.Join(",", set.Spec?.Template?.Spec?.Containers?.Select(c => c.Image) ?? [])],
            V1Secret secret => [secret.Metadata.Name, secret.Type, (secret.Data?.Count ?? 0).ToString(CultureInfo.InvariantCulture), age],
            V1Namespace space => [space.Metadata.Name, space.Status?.Phase, age],
            V1Lease lease => [lease.Metadata.Name, lease.Spec?.HolderIdentity ?? string.Empty, age],
            V1CustomResourceDefinition definition => [definition.Metadata.Name, definition.Metadata.CreationTimestamp?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)],
            _ => [value.Metadata.Name, age],
        };
        var row = new JsonObject { ["cells"] = new JsonArray(cells) };
        if (includeObject == "Object")
        {
            row["object"] = JsonNode.Parse(item.Json);
        }
        else if (includeObject != "None")
        {
            row["object"] = new JsonObject
            {
                ["kind"] = "PartialObjectMetadata",
                ["apiVersion"] = "meta.k8s.io/v1",
                ["metadata"] = JsonNode.Parse(item.Json)!["metadata"]!.DeepClone(),
            };
        }

        return row;
    }

    private static string PodReady(V1Pod pod)
    {
        var statuses = pod.Status?.ContainerStatuses ?? [];
        return $"{statuses.Count(status => status.Ready)}/{pod.Spec?.Containers?.Count ?? 0}";
    }

    private static string PodStatus(V1Pod pod) =>
        pod.Metadata.DeletionTimestamp is not null ? "Terminating"
        : pod.Status?.Phase is null or "" ? "Pending"
        : pod.Status.Phase == "Pending" ? "ContainerCreating"
        : pod.Status.Phase;

    private static string Restarts(V1Pod pod) =>
        (pod.Status?.ContainerStatuses?.Sum(status => status.RestartCount) ?? 0).ToString(CultureInfo.InvariantCulture);

    /// <summary>Kubernetes' <c>duration.HumanDuration</c>: "45s", "3m20s", "2h5m", "3d4h", "400d".</summary>
    internal static string Age(DateTime? created, DateTimeOffset now)
    {
        if (created is null)
        {
            return "<unknown>";
        }

        var elapsed = now - new DateTimeOffset(DateTime.SpecifyKind(created.Value, DateTimeKind.Utc));
        var seconds = (long)elapsed.TotalSeconds;
        if (seconds < 0)
        {
            return "0s";
        }

        if (seconds < 120)
        {
            return $"{seconds}s";
        }

        var minutes = seconds / 60;
        if (minutes < 10)
        {
            return seconds % 60 == 0 ? $"{minutes}m" : $"{minutes}m{seconds % 60}s";
        }

        if (minutes < 180)
        {
            return $"{minutes}m";
        }

        var hours = minutes / 60;
        if (hours < 8)
        {
            return minutes % 60 == 0 ? $"{hours}h" : $"{hours}h{minutes % 60}m";
        }

        if (hours < 48)
        {
            return $"{hours}h";
        }

        var days = hours / 24;
        if (hours < 24 * 8)
        {
            return hours % 24 == 0 ? $"{days}d" : $"{days}d{hours % 24}h";
        }

        if (days < 365 * 2)
        {
            return $"{days}d";
        }

        return days < 365 * 8 ? $"{days / 365}y{days % 365}d" : $"{days / 365}y";
    }
}
