using Orchestrator.Core.Failures;

namespace Orchestrator.Core.Preflight;

/// <summary>A refusal before anything changes: the message names the region, the object and what to do.</summary>
public sealed class PreflightException : OrchestratorException
{
    public PreflightException()
    {
    }

    public PreflightException(string message)
        : base(message)
    {
    }

    public PreflightException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public override FailureKind Kind => FailureKind.BadInput;
}
