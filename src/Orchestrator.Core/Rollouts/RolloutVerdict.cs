namespace Orchestrator.Core.Rollouts;

/// <summary>Whether a region has finished rolling out a Secret change, and if not, what it waits for and why.</summary>
public sealed record RolloutVerdict(WaitingFor WaitingFor, IReadOnlyList<StatefulSetProgress> StatefulSets, string Diagnosis)
{
    public bool Complete => WaitingFor == WaitingFor.Nothing;
}
