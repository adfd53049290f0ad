namespace Orchestrator.Core.Verification;

/// <summary>Where a region's CA Secret stands in the procedure, as far as its data (and the state file) tell.</summary>
public enum RotationPhase
{
    /// <summary>One CA, which no rotation in the state file moved this Secret to: no rotation has touched it, or one is yet to start.</summary>
    None,

    /// <summary>The old CA is still the main keypair and the new CA an extra trusted entry (phase 1 done).</summary>
    Added,

    /// <summary>The new CA is the main keypair and the old CA, the previous main, an extra trusted entry (phase 2 done).</summary>
    Promoted,

    /// <summary>The new CA alone, which a rotation in the state file recorded as its new CA (phase 3 done).</summary>
    Removed,

    /// <summary>The data fits no phase: no readable <c>ca.crt</c>, several extra CAs, or two CAs the evidence cannot order.</summary>
    Unknown,
}
