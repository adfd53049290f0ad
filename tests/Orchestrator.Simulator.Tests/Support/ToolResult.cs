namespace Orchestrator.Simulator.Tests.Support;

internal sealed record ToolResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}
