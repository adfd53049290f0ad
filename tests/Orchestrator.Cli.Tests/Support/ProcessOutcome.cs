namespace Orchestrator.Cli.Tests.Support;

internal sealed record ProcessOutcome(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}
