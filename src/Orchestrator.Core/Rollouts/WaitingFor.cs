namespace Orchestrator.Core.Rollouts;

/// <summary>What a rollout wait is waiting for now.</summary>
public enum WaitingFor
{
    /// <summary>The operator has not yet acted on the Secret change (its checksum annotation is unchanged).</summary>
    OperatorAcknowledgement,

    /// <summary>Pods are still being replaced.</summary>
    Rollout,

    /// <summary>Every pod is replaced; some are not Ready yet.</summary>
    Readiness,

    /// <summary>Every pod is replaced and Ready; the StatefulSet controller has yet to report the rollout complete.</summary>
    StatefulSetStatus,

    /// <summary>Nothing: the rollout is complete.</summary>
    Nothing,
}
