namespace Orchestrator.Core.Rotations;

public enum StepStatus
{
    Pending,
    Running,
    Succeeded,
    Failed,
    Skipped,
}
