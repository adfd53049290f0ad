namespace Orchestrator.Core.Workflows;

/// <summary>
/// One phase of the procedure: the CA Secret's content it sets in each region (which CA is the main keypair, which,
/// if any, is the extra trusted entry), followed by a wait for that region's rollout.
/// </summary>
public sealed record PhaseDefinition(string Name, string Description, CaSource Main, CaSource? Extra);
