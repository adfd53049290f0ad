namespace Orchestrator.Controller.Resources;

/// <summary>A running wait's progress, as <c>status --output json</c> prints it.</summary>
/// <param name="WaitingFor">OperatorAcknowledgement, Rollout, Readiness or StatefulSetStatus.</param>
/// <param name="Waiting">The same, in words.</param>
public sealed record WaitProgressStatus(
    string WaitingFor,
    string Waiting,
    IReadOnlyList<StatefulSetProgressStatus> StatefulSets,
    string Diagnosis,
    string ObservedAt)
{
    /// <summary>Records compare lists by reference; progress read back equals the one written.</summary>
    public bool Equals(WaitProgressStatus? other) =>
        other is not null
        && WaitingFor == other.WaitingFor
        && Waiting == other.Waiting
        && StatefulSets.SequenceEqual(other.StatefulSets)
        && Diagnosis == other.Diagnosis
        && ObservedAt == other.ObservedAt;

    public override int GetHashCode() => HashCode.Combine(WaitingFor, Diagnosis, ObservedAt);
}
