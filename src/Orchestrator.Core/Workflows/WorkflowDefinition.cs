namespace Orchestrator.Core.Workflows;

/// <summary>The procedure as data: its phases in order.</summary>
public sealed record WorkflowDefinition(string Name, string Description, IReadOnlyList<PhaseDefinition> Phases);
