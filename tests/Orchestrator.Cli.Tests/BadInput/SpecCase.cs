namespace Orchestrator.Cli.Tests.BadInput;

/// <summary>One mangled spec: its bytes, and what the one-line refusal must name (the field, or the file and line).</summary>
internal sealed record SpecCase(string Name, byte[] Bytes, params string[] Expected);
