using Orchestrator.Core.Failures;

namespace Orchestrator.Core.Gates;

/// <summary>An approval, pause or continue that does not fit where the rotation stands: nothing was recorded.</summary>
public sealed class GateRefusedException : OrchestratorException
{
    public GateRefusedException()
    {
    }

    public GateRefusedException(string message)
        : base(message)
    {
    }

    public GateRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public override FailureKind Kind => FailureKind.BadInput;
}
