namespace Orchestrator.Core.Rotations;

/// <summary>A StatefulSet's pods replaced since the Secret change and Ready, out of all it should have.</summary>
public sealed record StatefulSetCount(string Name, int ReplacedAndReady, int Total);
