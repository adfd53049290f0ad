namespace Orchestrator.Core.Rotations;

/// <summary>
/// What a region looked like just before a Secret change: every StatefulSet's revision and every pod's UID. A wait
/// is over only when every StatefulSet has moved past its revision and every pod is new.
/// </summary>
public sealed record RolloutBaseline(IReadOnlyList<StatefulSetRevision> StatefulSets, IReadOnlyList<string> PodUids);
