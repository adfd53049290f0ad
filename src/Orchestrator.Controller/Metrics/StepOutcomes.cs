namespace Orchestrator.Controller.Metrics;

/// <summary>The <c>outcome</c> label of <c>orchestrator_step_duration_seconds</c>.</summary>
public static class StepOutcomes
{
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    /// <summary>Failed because the step's rollout timeout passed.</summary>
    public const string TimedOut = "timed-out";
}
