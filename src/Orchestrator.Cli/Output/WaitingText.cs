using Orchestrator.Core.Rollouts;


namespace Orchestrator.Cli.Output;

/// <summary>What a wait waits for, as the console and <c>status</c> say it.</summary>
internal static class WaitingText
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
