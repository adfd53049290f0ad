using Stateless;
using Stateless.Graph;

namespace Orchestrator.Core.Rotations;

/// <summary>
/// The rotation's lifecycle as a Stateless state machine whose state lives in the <see cref="Rotation"/> document,
/// not in the machine. Firing does no I/O: it changes the state and records the transition for the journal; the
/// caller saves both.
/// </summary>
public sealed class RotationLifecycle
{
    private readonly StateMachine<RotationState, RotationTrigger> _machine;
    private readonly Rotation _rotation;
    private readonly TimeProvider _time;
    private readonly List<JournalEntry> _transitions = [];
    private string? _reason;

    public RotationLifecycle(Rotation rotation, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(rotation);
        _rotation = rotation;
        _time = time;
        _machine = Configure(new StateMachine<RotationState, RotationTrigger>(() => rotation.State, state => rotation.State = state, FiringMode.Queued));
        _machine.OnTransitioned(transition => _transitions.Add(new JournalEntry
        {
            RotationId = _rotation.Id,
            Time = _time.GetUtcNow(),
            Kind = JournalEntryKind.Transition,
            From = transition.Source.ToString(),
            To = transition.Destination.ToString(),
            Trigger = transition.Trigger.ToString(),
            Reason = _reason,
        }));
    }

    public RotationState State => _rotation.State;

    public bool CanFire(RotationTrigger trigger) => _machine.CanFire(trigger);

    /// <summary>Moves the rotation on; refuses, saying why, what its state does not permit.</summary>
    public void Fire(RotationTrigger trigger, string? reason = null)
    {
        if (!_machine.CanFire(trigger))
        {
            throw new InvalidTransitionException($"rotation {_rotation.Id} is {_rotation.State}: it cannot {Verb(trigger)}");
        }

        _reason = reason;
        _machine.Fire(trigger);
        _rotation.Reason = reason;
        _rotation.UpdatedAt = _time.GetUtcNow();
    }

    /// <summary>The transitions fired since the last call, for the journal.</summary>
    public IReadOnlyList<JournalEntry> TakeTransitions()
    {
        var taken = _transitions.ToList();
        _transitions.Clear();
        return taken;
    }

    /// <summary>The state machine as a Graphviz digraph, generated from its configuration.</summary>
    public static string ToDotGraph() => UmlDotGraph.Format(Describe().GetInfo());

    /// <summary>The state machine as a Mermaid state diagram, generated from its configuration.</summary>
    public static string ToMermaidGraph() => MermaidGraph.Format(Describe().GetInfo());

    private static StateMachine<RotationState, RotationTrigger> Describe() =>
        Configure(new StateMachine<RotationState, RotationTrigger>(RotationState.Pending, FiringMode.Queued));

    private static StateMachine<RotationState, RotationTrigger> Configure(StateMachine<RotationState, RotationTrigger> machine)
    {
        machine.Configure(RotationState.Pending)
            .Permit(RotationTrigger.Start, RotationState.Running)
            .Permit(RotationTrigger.Abort, RotationState.RollingBack);

        // Resume from Running is recovery: the process that ran it died without saving a stop.
        machine.Configure(RotationState.Running)
            .Permit(RotationTrigger.Complete, RotationState.Succeeded)
            .Permit(RotationTrigger.Fail, RotationState.Failed)
            .Permit(RotationTrigger.Interrupt, RotationState.Failed)
            .Permit(RotationTrigger.Abort, RotationState.RollingBack)
            .Permit(RotationTrigger.Hold, RotationState.Paused)
            .PermitReentry(RotationTrigger.Resume);

        // Held between steps: released (approved, window open, continued) it runs on; an abort rolls it back.
        machine.Configure(RotationState.Paused)
            .Permit(RotationTrigger.Resume, RotationState.Running)
            .Permit(RotationTrigger.Abort, RotationState.RollingBack);

        machine.Configure(RotationState.Failed)
            .Permit(RotationTrigger.Resume, RotationState.Running)
            .Permit(RotationTrigger.Abort, RotationState.RollingBack);

        // A failed roll-back stays RollingBack (with its reason); resume continues it.
        machine.Configure(RotationState.RollingBack)
            .Permit(RotationTrigger.RollbackComplete, RotationState.RolledBack)
            .PermitReentry(RotationTrigger.Fail)
            .PermitReentry(RotationTrigger.Interrupt)
            .PermitReentry(RotationTrigger.Resume);

        machine.Configure(RotationState.Succeeded);
        machine.Configure(RotationState.RolledBack);
        return machine;
    }

    private static string Verb(RotationTrigger trigger) => trigger switch
    {
        RotationTrigger.Start => "start (it has started before)",
        RotationTrigger.Fail => "fail",
        RotationTrigger.Interrupt => "be interrupted",
        RotationTrigger.Resume => "be resumed",
        RotationTrigger.Hold => "wait at a gate",
        RotationTrigger.Complete => "complete",
        RotationTrigger.Abort => "be aborted",
        RotationTrigger.RollbackComplete => "finish rolling back",
        _ => trigger.ToString(),
    };
}
