namespace Orchestrator.Kubernetes.Objects;

/// <summary>
/// What the streaming reader keeps of one pod, StatefulSet or Status: the handful of fields a rotation reads, and
/// nothing of the rest (containers, volumes, managed fields), which it skips without building anything.
/// </summary>
internal sealed class ObjectFields
{
    public string? Kind { get; set; }

    public string? Name { get; set; }

    public string? Uid { get; set; }

    public string? ResourceVersion { get; set; }

    public long? Generation { get; set; }

    public bool Deleting { get; set; }

    /// <summary>The name in the first owner reference of kind StatefulSet.</summary>
    public string? OwnerStatefulSet { get; set; }

    public string? RevisionLabel { get; set; }

    public int? Replicas { get; set; }

    public string? UpdateStrategy { get; set; }

    public int? Partition { get; set; }

    public string? Phase { get; set; }

    /// <summary>Whether a condition of type Ready has status True.</summary>
    public bool ReadyCondition { get; set; }

    public long? ObservedGeneration { get; set; }

    public int? ReadyReplicas { get; set; }

    public int? UpdatedReplicas { get; set; }

    public string? CurrentRevision { get; set; }

    public string? UpdateRevision { get; set; }

    /// <summary>A Status object's HTTP code (an ERROR event's 410, say).</summary>
    public int? Code { get; set; }

    public string? Reason { get; set; }

    public string? Message { get; set; }
}
