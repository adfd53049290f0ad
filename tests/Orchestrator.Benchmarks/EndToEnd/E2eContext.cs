namespace Orchestrator.Benchmarks.EndToEnd;

/// <summary>What every scenario runs with: the CLI under test, a directory of its own, and where to report.</summary>
internal sealed record E2eContext(OrchestratorCli Cli, string WorkDirectory, TextWriter Report, int LatencyRotations)
{
    public string Directory(string scenario) => Path.Combine(WorkDirectory, scenario);

    public void Say(string line) => Report.WriteLine("  " + line);
}
