using Orchestrator.Core.Cluster;
using Orchestrator.Core.Rollouts;

namespace Orchestrator.Core.Verification;

/// <summary>A StatefulSet's rollout as <c>verify</c> reports it.</summary>
/// <param name="Complete">What <c>kubectl rollout status</c> would say (<see cref="RolloutJudge.KubectlComplete"/>).</param>
public sealed record StatefulSetRollout(
    string Name,
    int Ready,
    int Updated,
    int Replicas,
    string? CurrentRevision,
    string? UpdateRevision,
    bool Complete)
{
    /// <summary>Complete, and every pod at the update revision: nothing left to roll.</summary>
    public bool Settled => Complete && CurrentRevision == UpdateRevision;

    public static StatefulSetRollout Of(StatefulSetStatus set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return new StatefulSetRollout(
            set.Name,
            set.ReadyReplicas,
            set.UpdatedReplicas,
            set.Replicas,
            set.CurrentRevision,
            set.UpdateRevision,
            RolloutJudge.KubectlComplete(set));
    }
}
