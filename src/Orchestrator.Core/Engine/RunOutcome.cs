namespace Orchestrator.Core.Engine;

/// <summary>How a run of a rotation ended.</summary>
public enum RunOutcome
{
    Succeeded,
    Failed,
    Interrupted,
    RolledBack,
}
