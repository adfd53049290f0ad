using System.Globalization;
using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Orchestrator.Controller.Resources;

namespace Orchestrator.Controller.Serving;

/// <summary>
/// Writes Kubernetes Events on a CaRotation or a CaRotationSchedule, or on a region's CA Secret through that region's client, the way <c>kubectl describe</c> and <c>kubectl get events</c> show them.
/// The same Event again (same object, type, reason and message) is counted on the Event already written, as
/// client-go's recorder does, rather than flooding the namespace. An Event is a report, not state: one that cannot
/// be written is logged and the work goes on.
/// </summary>
internal sealed partial class EventRecorder(IKubernetes client, string identity, TimeProvider time, ILogger logger)
{
    public const string Normal = "Normal";
    public const string Warning = "Warning";

    /// <summary>How many distinct Events are remembered for counting; past it, the memory starts afresh.</summary>
    private const int Remembered = 4096;

    private readonly Lock _gate = new();
    private readonly Dictionary<(string Namespace, string Uid, string Type, string Reason, string Message), Written> _written = [];

    public Task RecordAsync(CaRotation rotation, string type, string reason, string message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rotation);
        return RecordAsync(client, Reference(CaRotationDefinition.Kind, rotation.Metadata), type, reason, message, cancellationToken);
    }

    public Task RecordAsync(CaRotationSchedule schedule, string type, string reason, string message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return RecordAsync(client, Reference(CaRotationScheduleDefinition.Kind, schedule.Metadata), type, reason, message, cancellationToken);
    }

    /// <summary>Writes an Event about <paramref name="involved"/> with <paramref name="api"/>, the client of the cluster it is in.</summary>
    public async Task RecordAsync(IKubernetes api, V1ObjectReference involved, string type, string reason, string message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(involved);
        var key = (involved.NamespaceProperty, involved.Uid ?? involved.Name, type, reason, message);
        var now = time.GetUtcNow().UtcDateTime;
        try
        {
            Written? earlier;
            lock (_gate)
            {
                _written.TryGetValue(key, out earlier);
            }

            var written = earlier is not null && await CountAgainAsync(api, earlier, involved.NamespaceProperty, now, cancellationToken) is { } counted
                ? counted
                : await CreateAsync(api, involved, type, reason, message, now, cancellationToken);
            lock (_gate)
            {
                if (_written.Count >= Remembered && !_written.ContainsKey(key))
                {
                    _written.Clear();
                }

                _written[key] = written;
            }
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            LogEventLost(logger, reason, involved.Kind, involved.Name, failure.Message);
        }
    }

    /// <summary>Adds one to the count of the Event written before; null when it is gone (Events expire), to write it anew.</summary>
    private static async Task<Written?> CountAgainAsync(IKubernetes api, Written earlier, string @namespace, DateTime now, CancellationToken cancellationToken)
    {
        var count = earlier.Count + 1;
        var last = now.ToString("yyyy-MM-dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);
        var patch = new V1Patch(
            string.Create(CultureInfo.InvariantCulture, $$"""{"count":{{count}},"lastTimestamp":"{{last}}"}"""),
            V1Patch.PatchType.MergePatch);
        try
        {
            await api.CoreV1.PatchNamespacedEventAsync(patch, earlier.Name, @namespace, cancellationToken: cancellationToken);
            return earlier with { Count = count };
        }
        catch (HttpOperationException gone) when (gone.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>One of the orchestrator's own objects (same group and version) as an Event names it.</summary>
    private static V1ObjectReference Reference(string kind, V1ObjectMeta metadata) => new()
    {
        ApiVersion = CaRotationDefinition.ApiVersion,
        Kind = kind,
        Name = metadata.Name,
        NamespaceProperty = metadata.NamespaceProperty,
        Uid = metadata.Uid,
    };

    private async Task<Written> CreateAsync(IKubernetes api, V1ObjectReference involved, string type, string reason, string message, DateTime now, CancellationToken cancellationToken)
    {
        var recorded = new Corev1Event
        {
            Metadata = new V1ObjectMeta { GenerateName = involved.Name + ".", NamespaceProperty = involved.NamespaceProperty },
            InvolvedObject = involved,
            Type = type,
            Reason = reason,
            Message = message,
            Source = new V1EventSource { Component = "orchestrator" },
            ReportingComponent = "orchestrator",
            ReportingInstance = identity,
            FirstTimestamp = now,
            LastTimestamp = now,
            Count = 1,
        };
        var created = await api.CoreV1.CreateNamespacedEventAsync(recorded, involved.NamespaceProperty, cancellationToken: cancellationToken);
        return new Written(created.Metadata.Name, 1);
    }

    [LoggerMessage(EventId = 3100, Level = LogLevel.Warning, Message = "the Event {Reason} on {Kind} {Name} could not be written: {Problem}")]
    private static partial void LogEventLost(ILogger logger, string reason, string kind, string name, string problem);

    private sealed record Written(string Name, int Count);
}
