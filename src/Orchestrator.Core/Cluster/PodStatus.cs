namespace Orchestrator.Core.Cluster;

/// <summary>A Cassandra pod as the rollout wait sees it.</summary>
/// <param name="StatefulSet">The owning StatefulSet's name.</param>
/// <param name="Revision">Its <c>controller-revision-hash</c> label.</param>
public sealed record PodStatus(string Name, string Uid, string? StatefulSet, string? Revision, bool Ready, bool Terminating);
