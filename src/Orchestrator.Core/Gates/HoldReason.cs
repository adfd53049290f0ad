namespace Orchestrator.Core.Gates;

/// <summary>Why a rotation holds at a step boundary; the names are the Events' and conditions' reasons.</summary>
public enum HoldReason
{
    /// <summary>A person's approval is needed before the next step (<c>orchestrator approve</c>).</summary>
    AwaitingApproval,

    /// <summary>The next Secret write waits for its region's maintenance window to open.</summary>
    WaitingForWindow,

    /// <summary>Held by <c>orchestrator pause</c> until <c>orchestrator continue</c>.</summary>
    Paused,
}
