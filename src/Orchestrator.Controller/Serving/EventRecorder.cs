using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Orchestrator.Controller.Resources;

namespace Orchestrator.Controller.Serving;

/// <summary>
/// Writes Kubernetes Events on a CaRotation, the way <c>kubectl describe</c> and <c>kubectl get events</c> show them.
/// An Event is a report, not state: one that cannot be written is logged and the work goes on.
/// </summary>
internal sealed partial class EventRecorder(IKubernetes client, string identity, TimeProvider time, ILogger logger)
{
    public const string Normal = "Normal";
    public const string Warning = "Warning";

    public async Task RecordAsync(CaRotation rotation, string type, string reason, string message, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var metadata = rotation.Metadata;
        var recorded = new Corev1Event
        {
            Metadata = new V1ObjectMeta { GenerateName = metadata.Name + ".", NamespaceProperty = metadata.NamespaceProperty },
            InvolvedObject = new V1ObjectReference
            {
                ApiVersion = CaRotationDefinition.ApiVersion,
                Kind = CaRotationDefinition.Kind,
                Name = metadata.Name,
                NamespaceProperty = metadata.NamespaceProperty,
                Uid = metadata.Uid,
            },
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

        try
        {
            await client.CoreV1.CreateNamespacedEventAsync(recorded, metadata.NamespaceProperty, cancellationToken: cancellationToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            LogEventLost(logger, reason, metadata.Name, failure.Message);
        }
    }

    [LoggerMessage(EventId = 3100, Level = LogLevel.Warning, Message = "the Event {Reason} on CaRotation {Name} could not be written: {Problem}")]
    private static partial void LogEventLost(ILogger logger, string reason, string name, string problem);
}
