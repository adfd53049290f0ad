using Orchestrator.Core.Failures;

namespace Orchestrator.Cli.Commands;

/// <summary>A request that cannot be carried out as asked (an unknown id, nothing to resume): exit 2 with the message.</summary>
internal sealed class UsageException : OrchestratorException
{
    public UsageException()
    {
    }

    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public override FailureKind Kind => FailureKind.BadInput;
}
