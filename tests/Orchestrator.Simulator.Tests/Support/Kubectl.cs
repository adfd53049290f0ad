using Orchestrator.Testing;

namespace Orchestrator.Simulator.Tests.Support;

/// <summary>Real kubectl pointed at a simulated region, with its caches kept out of the home directory.</summary>
internal sealed class Kubectl(string executable, string kubeconfig, string cacheDirectory)
{
    public static Kubectl For(SimulationFixture fixture) =>
        new(ExternalTool.RequirePath("kubectl"), fixture.Simulation.KubeconfigPath, Path.Combine(fixture.Directory, "kubectl-cache"));

    public Task<ToolResult> RunAsync(string context, IReadOnlyDictionary<string, string>? environment, params string[] arguments) =>
        ExternalTool.RunAsync(
            executable,
            ["--kubeconfig", kubeconfig, "--context", context, "--cache-dir", cacheDirectory, .. arguments],
            environment: environment,
            cancellationToken: TestContext.Current.CancellationToken);

    public async Task<string> SucceedAsync(string context, params string[] arguments)
    {
        var result = await RunAsync(context, null, arguments);
        Assert.True(result.ExitCode == 0, $"kubectl {string.Join(' ', arguments)} failed: {result}");
        return result.StandardOutput;
    }
}
