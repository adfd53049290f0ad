using Orchestrator.Core.Failures;

namespace Orchestrator.Core.Persistence;

/// <summary>The state file cannot be used (damaged, truncated, locked, of an unknown schema): a message for the user.</summary>
public sealed class StoreException : OrchestratorException
{
    public StoreException()
    {
    }

    public StoreException(string message)
        : base(message)
    {
    }

    public StoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public override FailureKind Kind => FailureKind.BadInput;
}
