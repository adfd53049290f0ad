namespace Orchestrator.Kubernetes.Observation;

/// <summary>Why one watch stream ended.</summary>
internal enum WatchStop
{
    /// <summary>The server ended it (its timeout, a closed connection): resume from the last resource version seen.</summary>
    Closed,

    /// <summary>An error event (410 Expired and the like) or an undecodable one: list again.</summary>
    Broken,

    /// <summary>Time for the periodic safety list.</summary>
    RelistDue,
}
