using Orchestrator.Core.Failures;

namespace Orchestrator.Core.Rotations;

/// <summary>A trigger the rotation's state does not permit (e.g. resuming a rotation that has succeeded).</summary>
public sealed class InvalidTransitionException : OrchestratorException
{
    public InvalidTransitionException()
    {
    }

    public InvalidTransitionException(string message)
        : base(message)
    {
    }

    public InvalidTransitionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public override FailureKind Kind => FailureKind.BadInput;
}
