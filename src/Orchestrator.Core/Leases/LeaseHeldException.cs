using Orchestrator.Core.Failures;

namespace Orchestrator.Core.Leases;

/// <summary>Another orchestrator holds a region's Lease on this CA Secret; the message names it and when it expires.</summary>
public sealed class LeaseHeldException : OrchestratorException
{
    public LeaseHeldException()
    {
    }

    public LeaseHeldException(string message)
        : base(message)
    {
    }

    public LeaseHeldException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public override FailureKind Kind => FailureKind.HeldElsewhere;
}
