namespace Orchestrator.Cli.Tests.Support;

internal sealed record SimulatorLogLine(DateTimeOffset Time, string Message);
