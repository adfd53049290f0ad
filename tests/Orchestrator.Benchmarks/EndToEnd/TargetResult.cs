namespace Orchestrator.Benchmarks.EndToEnd;

/// <summary>One row of the results table: a target, what was measured, and whether it was met.</summary>
internal sealed record TargetResult(string Measure, string Target, string Measured, bool Met, string Note = "");
