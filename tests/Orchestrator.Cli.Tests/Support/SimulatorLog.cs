using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Orchestrator.Cli.Tests.Support;

/// <summary>
/// Keeps what the simulated regions log, with the time of each line: the audit log records only mutating requests,
/// so this is where an injected failure of a read (a 429 on a GET, say) shows up.
/// </summary>
internal sealed class SimulatorLog : ILoggerFactory
{
    private readonly ConcurrentQueue<SimulatorLogLine> _lines = new();

    public IReadOnlyList<SimulatorLogLine> Lines => _lines.ToList();

    /// <summary>When the region answered a request with an injected failure, e.g. <c>("region1", 429, "get", "secrets")</c>.</summary>
    public IReadOnlyList<DateTimeOffset> InjectedFailures(string region, int code, string verb, string resource) =>
        Lines.Where(line => line.Message == $"{region}: injected {code} for {verb} {resource}").Select(line => line.Time).ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(_lines);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<SimulatorLogLine> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                lines.Enqueue(new SimulatorLogLine(TimeProvider.System.GetUtcNow(), formatter(state, exception)));
            }
        }
    }
}
