using System.Text.Json.Nodes;
using k8s;
using Orchestrator.Controller.Resources;
using Orchestrator.Core.Gates;
using Orchestrator.Core.Rotations;

namespace Orchestrator.Controller.Serving;

/// <summary>
/// <c>orchestrator approve</c>, <c>pause</c> and <c>continue</c> for a CaRotation: each patches its spec
/// (<c>approvedStep</c>, <c>paused</c>) as a person could with kubectl, after checking it against the status the
/// controller reports; the controller takes it at the next step boundary. It owns the client it is given.
/// </summary>
public sealed class CaRotationGateRequests(IKubernetes client, string @namespace) : IDisposable
{
    private readonly CaRotationApi _api = new(client, @namespace);

    /// <summary>Approves the gate the CaRotation awaits (refused when <paramref name="step"/> names another); says what was done.</summary>
    public async Task<string> ApproveAsync(string name, int? step, CancellationToken cancellationToken)
    {
        var resource = await FindAsync(name, cancellationToken);
        var awaiting = resource.Status?.PauseConditions?.FirstOrDefault(condition => condition.Reason == nameof(HoldReason.AwaitingApproval));
        if (resource.Status?.State != nameof(RotationState.Paused) || awaiting is null)
        {
            throw new GateRefusedException($"CaRotation {@namespace}/{name} is not awaiting approval ({resource.Status?.State ?? "no status yet"}); kubectl describe carotation {name} -n {@namespace} shows where it stands");
        }

        if (step is { } asked && asked != awaiting.Step)
        {
            throw new GateRefusedException($"CaRotation {@namespace}/{name} awaits approval before step {awaiting.Step}, not step {asked}: gates are approved one at a time, in order");
        }

        await _api.PatchSpecAsync(resource, new JsonObject { ["approvedStep"] = awaiting.Step }, cancellationToken);
        return $"Approved step {awaiting.Step} of CaRotation {@namespace}/{name}: the controller goes on";
    }

    /// <summary>Holds (true) or releases (false) the CaRotation at its next step boundary; says what was done.</summary>
    public async Task<string> SetPausedAsync(string name, bool paused, CancellationToken cancellationToken)
    {
        var resource = await FindAsync(name, cancellationToken);
        if (paused && resource.Status?.State is nameof(RotationState.Succeeded) or nameof(RotationState.RolledBack) or nameof(RotationState.RollingBack))
        {
            throw new GateRefusedException($"CaRotation {@namespace}/{name} is {resource.Status.State}: there is nothing to pause (a roll-back is never held)");
        }

        if (!paused && resource.Spec.Paused != true)
        {
            throw new GateRefusedException($"CaRotation {@namespace}/{name} is not paused (spec.paused is not set)");
        }

        await _api.PatchSpecAsync(resource, new JsonObject { ["paused"] = paused }, cancellationToken);
        return paused
            ? $"CaRotation {@namespace}/{name} holds at its next step boundary; release it with: orchestrator continue {name} --namespace {@namespace}"
            : $"CaRotation {@namespace}/{name} released: the controller goes on";
    }

    public void Dispose() => client.Dispose();

    private async Task<CaRotation> FindAsync(string name, CancellationToken cancellationToken) =>
        await _api.FindAsync(name, cancellationToken) ?? throw new GateRefusedException($"no CaRotation {name} in namespace {@namespace}; kubectl get carotations -n {@namespace} lists them");
}
