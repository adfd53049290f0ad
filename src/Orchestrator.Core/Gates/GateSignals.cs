namespace Orchestrator.Core.Gates;

/// <summary>What people have said about a rotation's gates: the step they approved, and whether to hold it.</summary>
/// <param name="ApprovedStep">The gate's step number a person approved; only a gate of exactly this step opens.</param>
/// <param name="PauseRequested">Hold at the next step boundary until this is cleared.</param>
public sealed record GateSignals(int? ApprovedStep, bool PauseRequested)
{
    public static readonly GateSignals None = new(null, false);
}
