namespace Orchestrator.Core.Rotations;

/// <summary>Where a running wait stood when last saved, for <c>status</c> from another process.</summary>
/// <param name="WaitingFor">What it waits for: OperatorAcknowledgement, Rollout, Readiness, StatefulSetStatus.</param>
public sealed record WaitProgress(string WaitingFor, IReadOnlyList<StatefulSetCount> StatefulSets, string Diagnosis, DateTimeOffset ObservedAt);
