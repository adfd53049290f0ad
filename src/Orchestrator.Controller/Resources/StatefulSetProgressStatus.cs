namespace Orchestrator.Controller.Resources;

/// <summary>One StatefulSet of a running wait: how many of its pods are replaced and Ready, of how many.</summary>
public sealed record StatefulSetProgressStatus(string Name, int ReplacedAndReady, int Total);
