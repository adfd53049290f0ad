using k8s.Models;

namespace Orchestrator.Simulator.Tests.Support;

/// <summary>
/// kubectl's <c>rollout status</c> verdict for a StatefulSet (rollout_status.go), to hold the simulated controller's
/// status fields to what kubectl concludes from them.
/// </summary>
internal static class KubectlRolloutStatus
{
    public static bool IsComplete(V1StatefulSet set)
    {
        var spec = set.Spec;
        var status = set.Status ?? new V1StatefulSetStatus();
        if (spec.UpdateStrategy?.Type != "RollingUpdate")
        {
            throw new InvalidOperationException("rollout status is only available for RollingUpdate strategy type");
        }

        if (status.ObservedGeneration is null or 0 || set.Metadata.Generation > status.ObservedGeneration)
        {
            return false;
        }

        if (spec.Replicas is { } replicas && status.ReadyReplicas < replicas)
        {
            return false;
        }

        if (spec.UpdateStrategy.RollingUpdate is { } rolling)
        {
            if (spec.Replicas is { } wanted && rolling.Partition is { } partition && status.UpdatedReplicas < wanted - partition)
            {
                return false;
            }

            return true;
        }

        return status.UpdateRevision == status.CurrentRevision;
    }
}
