using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Orchestrator.Benchmarks.Micro;

/// <summary>
/// A short run inside this process: generating and building a separate benchmark project per class would take
/// minutes on a small machine, and these pieces need no isolation from one another.
/// </summary>
public sealed class QuickInProcessConfig : ManualConfig
{
    public QuickInProcessConfig()
    {
        AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}
