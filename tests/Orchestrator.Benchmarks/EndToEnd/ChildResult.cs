namespace Orchestrator.Benchmarks.EndToEnd;

/// <summary>
/// How a child process ended and what it cost: wall time as the runner saw it, and (when measured) the peak
/// resident memory and the CPU time (user + system) the kernel accounted to it.
/// </summary>
internal sealed record ChildResult(int ExitCode, TimeSpan Wall, string Output, string Error, long? PeakRssKilobytes, TimeSpan? CpuTime);
