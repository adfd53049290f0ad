using BenchmarkDotNet.Running;
using Orchestrator.Benchmarks.EndToEnd;

namespace Orchestrator.Benchmarks;

/// <summary>
/// <c>e2e [--scenario NAME]...</c> runs the end-to-end measurements against the simulator; anything else goes to
/// BenchmarkDotNet (e.g. <c>--filter *</c> for every micro-benchmark).
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "e2e")
        {
            return await E2eRunner.RunAsync(args[1..], CancellationToken.None);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
