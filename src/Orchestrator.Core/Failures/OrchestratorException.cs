namespace Orchestrator.Core.Failures;

/// <summary>
/// A failure the orchestrator explains in its message, for a person to act on: never a fault in the orchestrator
/// itself. <see cref="Kind"/> says what it means to the caller, so that a command maps every one the same way.
/// </summary>
public abstract class OrchestratorException : Exception
{
    protected OrchestratorException()
    {
    }

    protected OrchestratorException(string message)
        : base(message)
    {
    }

    protected OrchestratorException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public abstract FailureKind Kind { get; }
}
