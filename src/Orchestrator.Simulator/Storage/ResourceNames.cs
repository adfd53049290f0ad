namespace Orchestrator.Simulator.Storage;

/// <summary>The names of a kind beyond its plural and kind, where they differ from the defaults.</summary>
internal sealed record ResourceNames(
    IReadOnlyList<string>? Categories = null,
    string? Singular = null,
    string? ListKind = null,
    IReadOnlyList<PrinterColumn>? Columns = null);
