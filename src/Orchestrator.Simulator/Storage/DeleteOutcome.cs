namespace Orchestrator.Simulator.Storage;

/// <summary>The object after a delete, and whether it is gone or only marked terminating.</summary>
internal sealed record DeleteOutcome(StoredObject Object, bool Removed);
