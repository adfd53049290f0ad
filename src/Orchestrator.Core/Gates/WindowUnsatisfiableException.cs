using Orchestrator.Core.Failures;

namespace Orchestrator.Core.Gates;

/// <summary>Maintenance windows that cannot let the rotation begin before the current CA expires: refused up front.</summary>
public sealed class WindowUnsatisfiableException : OrchestratorException
{
    public WindowUnsatisfiableException()
    {
    }

    public WindowUnsatisfiableException(string message)
        : base(message)
    {
    }

    public WindowUnsatisfiableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public override FailureKind Kind => FailureKind.BadInput;
}
