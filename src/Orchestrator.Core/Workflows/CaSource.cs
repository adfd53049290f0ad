namespace Orchestrator.Core.Workflows;

/// <summary>Which CA an entry of the CA Secret holds in a phase.</summary>
public enum CaSource
{
    Old,
    New,
}
