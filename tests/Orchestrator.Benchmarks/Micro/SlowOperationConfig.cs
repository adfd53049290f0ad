using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Orchestrator.Benchmarks.Micro;

/// <summary>
/// For operations of a second or so whose time varies from run to run (RSA key generation): one call per
/// iteration, enough iterations for a median and the tail.
/// </summary>
public sealed class SlowOperationConfig : ManualConfig
{
    public SlowOperationConfig()
    {
        AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(12)
            .WithToolchain(InProcessEmitToolchain.Instance));
        AddColumn(BenchmarkDotNet.Columns.StatisticColumn.Median, BenchmarkDotNet.Columns.StatisticColumn.P95, BenchmarkDotNet.Columns.StatisticColumn.Max);
    }
}
