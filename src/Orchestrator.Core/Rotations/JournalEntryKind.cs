namespace Orchestrator.Core.Rotations;

public enum JournalEntryKind
{
    Transition,
    StepStarted,
    StepFinished,
}
