namespace Orchestrator.Core.Verification;

/// <summary>What a phase verdict rests on.</summary>
public enum PhaseEvidence
{
    /// <summary>The certificates alone: the number of CAs, and which of two CAs began its validity later (the newer is the new CA).</summary>
    Certificates,

    /// <summary>A rotation in the state file for this cluster and Secret: its recorded old and new CA fingerprints.</summary>
    Rotation,
}
