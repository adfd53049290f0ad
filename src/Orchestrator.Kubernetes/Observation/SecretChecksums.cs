namespace Orchestrator.Kubernetes.Observation;

/// <summary>
/// What an observation keeps of the CA Secret: the checksum the operator has acknowledged (its annotation) and the
/// checksum of the data it holds, so that a change of either, by the operator or by anyone else, yields a snapshot.
/// </summary>
internal readonly record struct SecretChecksums(string? Acknowledged, string Data);
