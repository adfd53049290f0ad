using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Orchestrator.Controller.Resources;
using Orchestrator.Controller.Serving;

namespace Orchestrator.Controller.Schedules;

/// <summary>
/// The CaRotationSchedules of one namespace and the CaRotations they own (labelled with
/// <see cref="CaRotationScheduleDefinition.ScheduleLabel"/>): what the schedule controller reads and writes.
/// </summary>
internal sealed class ScheduleApi(IKubernetes client, string @namespace)
{
    public string Namespace => @namespace;

    public CustomObjectWatch<CaRotationSchedule> Schedules { get; } =
        new(client, @namespace, CaRotationScheduleDefinition.Plural, CaRotationScheduleJsonContext.Default.CaRotationSchedule);

    public CustomObjectWatch<CaRotation> Rotations { get; } =
        new(client, @namespace, CaRotationDefinition.Plural, CaRotationJsonContext.Default.CaRotation);

    /// <summary>Every CaRotation some schedule owns, or the one schedule's.</summary>
    public static string OwnedSelector(string? schedule = null) =>
        schedule is null ? CaRotationScheduleDefinition.ScheduleLabel : $"{CaRotationScheduleDefinition.ScheduleLabel}={schedule}";

    /// <summary>Writes the status as a merge patch in which a field the status leaves out is removed.</summary>
    public async Task PatchStatusAsync(string name, CaRotationScheduleStatus status, CancellationToken cancellationToken)
    {
        var written = JsonSerializer.SerializeToNode(status, CaRotationScheduleJsonContext.Default.CaRotationScheduleStatus)!.AsObject();
        foreach (var property in CaRotationScheduleJsonContext.Default.CaRotationScheduleStatus.Properties)
        {
            written.TryAdd(property.Name, null);
        }

        await client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            new V1Patch(new JsonObject { ["status"] = written }.ToJsonString(), V1Patch.PatchType.MergePatch),
            CaRotationDefinition.Group,
            CaRotationDefinition.Version,
            @namespace,
            CaRotationScheduleDefinition.Plural,
            name,
            cancellationToken: cancellationToken);
    }

    /// <summary>Creates the CaRotation; false when one of that name exists already (made before a restart or failover).</summary>
    public async Task<bool> CreateRotationAsync(CaRotation rotation, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.CustomObjects.CreateNamespacedCustomObjectWithHttpMessagesAsync<HttpContent>(
                JsonSerializer.SerializeToNode(rotation, CaRotationJsonContext.Default.CaRotation)!,
                CaRotationDefinition.Group,
                CaRotationDefinition.Version,
                @namespace,
                CaRotationDefinition.Plural,
                cancellationToken: cancellationToken);
            return true;
        }
        catch (HttpOperationException exists) when (exists.Response.StatusCode == HttpStatusCode.Conflict)
        {
            return false;
        }
    }

    /// <summary>Deletes a finished CaRotation; one already gone is no failure.</summary>
    public async Task DeleteRotationAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.CustomObjects.DeleteNamespacedCustomObjectWithHttpMessagesAsync<HttpContent>(
                CaRotationDefinition.Group, CaRotationDefinition.Version, @namespace, CaRotationDefinition.Plural, name, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException gone) when (gone.Response.StatusCode == HttpStatusCode.NotFound)
        {
            // Deleted by someone else meanwhile.
        }
    }
}
