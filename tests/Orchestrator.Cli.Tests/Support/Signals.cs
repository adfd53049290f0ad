namespace Orchestrator.Cli.Tests.Support;

/// <summary>POSIX signal numbers on Linux.</summary>
internal static class Signals
{
    public const int Interrupt = 2;
    public const int Kill = 9;
    public const int Terminate = 15;
}
