using Orchestrator.Core.Failures;

namespace Orchestrator.Core.Steps;

/// <summary>A step that cannot succeed as things are; the message says why, naming the region and objects.</summary>
public sealed class StepFailedException : OrchestratorException
{
    public StepFailedException()
    {
    }

    public StepFailedException(string message)
        : base(message)
    {
    }

    public StepFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public override FailureKind Kind => FailureKind.Failed;
}
