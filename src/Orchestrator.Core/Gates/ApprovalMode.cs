namespace Orchestrator.Core.Gates;

/// <summary>Where a rotation waits for a person's approval before it goes on.</summary>
public enum ApprovalMode
{
    /// <summary>Never: the rotation runs through.</summary>
    None,

    /// <summary>Before each phase: the first Secret write of add-new-ca, promote-new-ca and remove-old-ca.</summary>
    Phases,

    /// <summary>Before each Secret write: every region of every phase.</summary>
    Regions,
}
