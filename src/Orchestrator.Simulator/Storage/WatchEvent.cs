namespace Orchestrator.Simulator.Storage;

/// <summary>A change as a watch delivers it; <see cref="Previous"/> lets a filtered watch see objects enter or leave its selection.</summary>
internal sealed record WatchEvent(WatchEventKind Kind, StoredObject Object, StoredObject? Previous);
