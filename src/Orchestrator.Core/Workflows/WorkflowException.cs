using Orchestrator.Core.Failures;

namespace Orchestrator.Core.Workflows;

/// <summary>A workflow file that cannot be used, or whose phases would break trust between pods.</summary>
public sealed class WorkflowException : OrchestratorException
{
    public WorkflowException()
    {
    }

    public WorkflowException(string message)
        : base(message)
    {
    }

    public WorkflowException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public override FailureKind Kind => FailureKind.BadInput;
}
