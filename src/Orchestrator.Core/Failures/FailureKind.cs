namespace Orchestrator.Core.Failures;

/// <summary>What a failure means to whoever started the work, and so the exit code it ends a command with.</summary>
public enum FailureKind
{
    /// <summary>The request or its input cannot be used as given; nothing was changed anywhere.</summary>
    BadInput,

    /// <summary>The work began and stopped; what was done is saved and can be continued.</summary>
    Failed,

    /// <summary>Another orchestrator holds what this work needs.</summary>
    HeldElsewhere,
}
