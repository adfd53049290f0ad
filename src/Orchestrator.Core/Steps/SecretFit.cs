namespace Orchestrator.Core.Steps;

/// <summary>How a region's CA Secret compares with what a step expects.</summary>
public enum SecretFit
{
    /// <summary>It holds the previous phase's content: the step's change can be made.</summary>
    Before,

    /// <summary>It already holds the step's content.</summary>
    Applied,

    /// <summary>It holds something else: someone changed it.</summary>
    Changed,
}
