namespace Orchestrator.Core.Rollouts;

/// <summary>One StatefulSet during a wait: pods replaced since the Secret change and Ready, out of all it should have.</summary>
public sealed record StatefulSetProgress(string Name, int ReplacedAndReady, int Total);
