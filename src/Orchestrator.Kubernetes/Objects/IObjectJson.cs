namespace Orchestrator.Kubernetes.Objects;

/// <summary>An object as read from a list or a watch: whatever its kind, its name and resource version are in its metadata.</summary>
internal interface IObjectJson
{
    ObjectMeta? Metadata { get; }
}
