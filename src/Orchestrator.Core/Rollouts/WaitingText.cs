namespace Orchestrator.Core.Rollouts;

/// <summary>What a wait waits for, as the console, <c>status</c> and a CaRotation's status say it.</summary>
public static class WaitingText
{
    public static string For(string waitingFor) => waitingFor switch
    {
        nameof(WaitingFor.OperatorAcknowledgement) => "the operator to acknowledge the change",
        nameof(WaitingFor.Rollout) => "pods to be replaced",
        nameof(WaitingFor.Readiness) => "replaced pods to become Ready",
        nameof(WaitingFor.StatefulSetStatus) => "the StatefulSet controller to report the rollout complete",
        nameof(WaitingFor.Nothing) => "nothing",
        _ => waitingFor,
    };
}
