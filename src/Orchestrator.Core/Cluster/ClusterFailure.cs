namespace Orchestrator.Core.Cluster;

/// <summary>Why a cluster call failed for good.</summary>
public enum ClusterFailure
{
    /// <summary>The kubeconfig cannot be read, or the context is not in it.</summary>
    Configuration,

    /// <summary>The object does not exist.</summary>
    NotFound,

    /// <summary>The credentials may not do this (401/403).</summary>
    Forbidden,

    /// <summary>The API server refused the request as invalid (400/422).</summary>
    Rejected,

    /// <summary>The API server could not be reached, or kept failing, until the caller's time ran out.</summary>
    Unreachable,
}
