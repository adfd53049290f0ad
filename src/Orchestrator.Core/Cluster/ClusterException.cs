using Orchestrator.Core.Failures;

namespace Orchestrator.Core.Cluster;

/// <summary>A cluster call that failed for good, with a message that names the region and object.</summary>
public sealed class ClusterException : OrchestratorException
{
    public ClusterException()
    {
    }

    public ClusterException(string message)
        : base(message)
    {
    }

    public ClusterException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ClusterException(ClusterFailure failure, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
    }

    public ClusterFailure Failure { get; }

    /// <summary>A kubeconfig that cannot be used is bad input; any other failure stopped the work.</summary>
    public override FailureKind Kind => Failure == ClusterFailure.Configuration ? FailureKind.BadInput : FailureKind.Failed;
}
